# accessibility strings (es)
