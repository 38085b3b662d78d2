"""``make check``: the edition's data read before any build, each problem at its line."""
