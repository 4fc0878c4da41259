# newsletters strings (en)
