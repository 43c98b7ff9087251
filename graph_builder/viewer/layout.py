"""Vertex positions for the viewer: networkx's spring layout for small overviews, and a
force-directed layout whose repulsion comes from a density grid (one FFT convolution per
iteration, O(V + E)) for large ones, so even large graphs are stable as soon as drawn."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import networkx as nx

LAYOUT_THRESHOLD = 400
"""Above this many overview vertices the layout uses the grid-approximated force layout."""


def overview_layout(
    vertices: list[int],
    edges: list[tuple[int, int]],
    badge_agreements: list[int],
    *,
    threshold: int = LAYOUT_THRESHOLD,
    max_grid: int = 128,
) -> dict[str, Any]:
    """Positions (vis-network pixels) of the overview: *vertices*, and one badge per entry
    of *badge_agreements* (the agreement vertex it hangs off).

    Up to *threshold* vertices: networkx's spring layout; above: ``force_layout``'s grid
    approximation (*max_grid* cells a side at most; the overview of a large store uses a
    coarser grid, four times cheaper). The page then moves vertices apart until no two
    label boxes overlap (it measures the text).
    """
    n = len(vertices) + len(badge_agreements)
    if n == 0:
        return {"nodes": {}, "badges": []}
    index = {v: i for i, v in enumerate(vertices)}
    pairs = [(index[u], index[v]) for u, v in edges if u != v and u in index and v in index]
    pairs += [(index[a], len(vertices) + k) for k, a in enumerate(badge_agreements)]
    if n <= threshold:
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from(range(n))
        graph.add_edges_from(pairs)
        raw = nx.spring_layout(graph, seed=1, iterations=200, scale=60.0 * math.sqrt(n) + 60)
        pos = np.array([raw[i] for i in range(n)])
    else:
        array = np.array(pairs or [(0, 0)], dtype=np.int64).reshape(-1, 2)
        # 110 px per unit edge length leaves each vertex about 5 times its label box
        pos = _force_positions(
            n, array[:, 0], array[:, 1], iterations=40, max_grid=max_grid, scale=200.0
        )
    pos = np.rint(pos).astype(np.int64).tolist()
    return {
        "nodes": {v: tuple(pos[i]) for i, v in enumerate(vertices)},
        "badges": [tuple(p) for p in pos[len(vertices) :]],
    }


def force_layout(
    network: nx.Graph, *, iterations: int = 60, seed: int = 1
) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold positions with the repulsion taken from a density grid.

    The grid (cell = ideal edge length) turns the O(V²) repulsion into one FFT convolution
    per iteration, so 20,000 vertices take about a second. Positions are in vis-network
    pixels.
    """
    nodes = list(network.nodes)
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array(
        [(index[u], index[v]) for u, v in network.edges() if u != v] or [(0, 0)], dtype=np.int64
    ).reshape(-1, 2)
    pos = _force_positions(len(nodes), pairs[:, 0], pairs[:, 1], iterations=iterations, seed=seed)
    return {
        node: (round(float(x), 1), round(float(y), 1))
        for node, (x, y) in zip(nodes, pos, strict=True)
    }


def _force_positions(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    *,
    iterations: int = 60,
    seed: int = 1,
    max_grid: int = 192,
    scale: float = 60.0,
) -> np.ndarray:
    """``force_layout`` on vertex numbers: an (n, 2) array of pixel positions."""
    rng = np.random.default_rng(seed)
    side = math.sqrt(n) * 2.0  # room for about four vertices per unit-length cell squared
    grid = int(min(max_grid, max(4, math.ceil(side / 1.5))))
    cell = side / grid
    size = _fast_fft_size(3 * grid - 2)  # linear, not circular, convolution
    offsets = np.arange(-grid + 1, grid) * cell
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = dx * dx + dy * dy
    r2[grid - 1, grid - 1] = np.inf
    # one complex kernel carries both force components: x in the real, y in the imaginary part
    kernel = np.fft.fft2(dx / r2 + 1j * dy / r2, s=(size, size))
    pos = rng.random((n, 2)) * side
    temperature = side / 8
    window = slice(grid - 1, 2 * grid - 1)
    for _ in range(iterations):
        cells = np.clip((pos / cell).astype(np.int64), 0, grid - 1)
        flat = cells[:, 0] * grid + cells[:, 1]
        density = np.bincount(flat, minlength=grid * grid).reshape(grid, grid).astype(float)
        field = np.fft.ifft2(np.fft.fft2(density, s=(size, size)) * kernel)[window, window]
        at = field.ravel()[flat]
        disp = np.stack([at.real, at.imag], axis=1)
        delta = pos[dst] - pos[src]
        pull = delta * np.linalg.norm(delta, axis=1, keepdims=True)  # |d|²/k, k = 1
        for axis in (0, 1):
            disp[:, axis] += np.bincount(src, pull[:, axis], minlength=n)
            disp[:, axis] -= np.bincount(dst, pull[:, axis], minlength=n)
        disp += rng.normal(scale=0.01, size=disp.shape)  # separates vertices sharing a cell
        length = np.maximum(np.linalg.norm(disp, axis=1, keepdims=True), 1e-9)
        pos += disp / length * np.minimum(length, temperature)
        pos = np.clip(pos, 0, side * (1 - 1e-9))
        temperature = max(temperature * 0.95, cell * 0.05)
    return (pos - side / 2) * scale  # scale: pixels per unit edge length


def _fast_fft_size(minimum: int) -> int:
    """The smallest 2^a·3^b ≥ *minimum* (FFTs of such sizes are fast)."""
    candidates = [2**a * 3**b for a in range(16) for b in range(10)]
    return min(c for c in candidates if c >= minimum)
