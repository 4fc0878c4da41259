# ops strings (en)
