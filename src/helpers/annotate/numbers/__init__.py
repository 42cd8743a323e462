"""Numbers in parsed sentences: figures.py decides which counts are casualty figures and of which kind."""
