# newsletters strings (es)
