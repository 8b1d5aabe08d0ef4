# SPDX-License-Identifier: MIT
"""What the Python tests of results files share: h5py and numpy (exit 77 =
skipped without them, ctest SKIP_RETURN_CODE) and the user block of format
zccsim-results-2 (io/results_h5.hpp): the format line, the SHA-256 of every
byte after the block, NUL padding to 512 bytes."""
import hashlib
import sys

try:
    import h5py  # noqa: F401  (re-exported)
    import numpy as np  # noqa: F401
except ImportError as e:
    print(f"skipped: {e} (run with /usr/bin/python3; apt-get install python3-h5py)")
    sys.exit(77)

FORMAT = "zccsim-results-2"
USER_BLOCK = 512


def user_block_text(body):
    """The text of the user block of a file whose bytes after the block are `body`."""
    return f"{FORMAT}\nsha256 {hashlib.sha256(body).hexdigest()}\n"


def user_block(body):
    """The whole user block (text and NUL padding) for `body`."""
    text = user_block_text(body).encode()
    return text + b"\0" * (USER_BLOCK - len(text))
