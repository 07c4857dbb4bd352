# src/bench: see the comment at the top of each file.
