"""graph_builder.collector: the collector paused in the block, and given back after it."""

from __future__ import annotations

import gc
from contextlib import nullcontext

import pytest

from graph_builder.collector import collector_paused


@pytest.mark.parametrize("running", [True, False], ids=["running", "already-paused"])
@pytest.mark.parametrize("fails", [False, True], ids=["block-ends", "block-raises"])
def test_the_collector_is_paused_in_the_block_and_left_as_it_was(running, fails):
    was = gc.isenabled()
    (gc.enable if running else gc.disable)()
    try:
        with pytest.raises(ValueError) if fails else nullcontext(), collector_paused():
            assert not gc.isenabled()
            if fails:
                raise ValueError("a row that is not one")
        assert gc.isenabled() is running
    finally:
        (gc.enable if was else gc.disable)()
