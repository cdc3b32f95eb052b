"""DNS rebinding through the system resolver and a real DNS server, in a network namespace.

``unshare -n -m`` gives the probe a network of its own (only ``lo``, plus
10.0.0.7 as the intranet service) and a resolv.conf naming the fake DNS
server; nothing it does can reach the machine's network. Skipped where
namespaces cannot be made (not root, or a container without the right).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.timeout(60), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SETUP = """
set -e
ip link set lo up
ip addr add 10.0.0.7/32 dev lo
echo "nameserver 127.0.0.1" > "$1/resolv.conf"
mount --bind "$1/resolv.conf" /etc/resolv.conf
exec "$2" -m fixtures.hostile.netns_probe
"""


def _namespaces_work() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("ip"):
        return False
    done = subprocess.run(["unshare", "-n", "-m", "true"], capture_output=True, timeout=10)
    return done.returncode == 0


@pytest.mark.skipif(not _namespaces_work(), reason="needs root and unshare -n -m")
def test_rebinding_through_real_dns_never_reaches_the_intranet(tmp_path: Path) -> None:
    done = subprocess.run(
        ["unshare", "-n", "-m", "sh", "-c", SETUP, "setup", str(tmp_path), sys.executable],
        capture_output=True,
        text=True,
        timeout=45,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stdout)
    results = probe["results"]
    assert "rebind.test is a private address (10.0.0.7)" in results["rebind.test/b"]
    assert "intranet.test is a private address (10.0.0.7)" in results["intranet.test/a"]
    assert "gone.test could not be resolved" in results["gone.test/a"]
    assert "refused" not in results["rebind.test/a"]  # public: allowed, and unreachable here
    assert probe["queries"].count("rebind.test") == 2  # looked up per connection
    assert probe["intranet"] == []  # the intranet service was never asked for anything
