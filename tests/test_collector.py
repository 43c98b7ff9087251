"""graph_builder.collector: the collector paused in the block, and given back after it;
what a process's last work leaves alive frozen, and everything frozen at its exit."""

from __future__ import annotations

import gc
import subprocess
import sys
from contextlib import nullcontext

import pytest

from graph_builder.collector import collector_paused, paused_then_frozen


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


@pytest.mark.parametrize("freeze", [True, False])
def test_what_the_last_work_leaves_alive_is_frozen_and_the_collector_resumes(freeze):
    was = gc.isenabled()
    gc.enable()
    try:
        frozen = gc.get_freeze_count()
        with paused_then_frozen(freeze=freeze):
            assert not gc.isenabled()
            kept = [[i] for i in range(1000)]  # containers the collector tracks
        assert gc.isenabled()
        if freeze:
            assert gc.get_freeze_count() >= frozen + len(kept)
        else:  # frozen objects freed meanwhile leave the count
            assert gc.get_freeze_count() <= frozen
    finally:
        (gc.enable if was else gc.disable)()


def test_the_process_freezes_its_objects_once_at_exit():
    # atexit runs its functions last registered first: the check sees the freeze done
    program = (
        "import atexit, gc\n"
        "from graph_builder.collector import frozen_at_exit\n"
        "atexit.register(lambda: print(gc.get_freeze_count() > 0, len(atexit_calls)))\n"
        "atexit_calls = []\n"
        "real = atexit.register\n"
        "atexit.register = lambda f: (atexit_calls.append(f), real(f))[1]\n"
        "frozen_at_exit(); frozen_at_exit()\n"
        "assert gc.get_freeze_count() == 0\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["True", "1"]
