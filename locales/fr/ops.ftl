# ops strings (fr)
