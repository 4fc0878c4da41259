# accessibility strings (en)
