# accessibility strings (fr)
