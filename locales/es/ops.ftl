# ops strings (es)
