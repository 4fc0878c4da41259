# newsletters strings (fr)
