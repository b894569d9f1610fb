# Sourced by the commands that run SPA rounds: the process settings of a worker (docs/worker.md, "CPU settings").
# SPA_GLIBC_TUNABLES: glibc keeps PyTorch's large freed blocks for the next round instead of returning them to the
# kernel and faulting them in again; an explicit GLIBC_TUNABLES wins. deploy/Dockerfile sets the same value.
# SPA_WORKER_JAVA_OPTS: the JVM touches its heap when it commits it, so a round's Java allocations (about 0.8 MB) never
# wait for the first touch of a page; PyTorch runs each operation on one thread, and a round's samples are decoded on
# the worker's sample threads instead (spa.worker.sample-threads, auto: cores / (worker threads x 1), at most 2), which meet once per
# round instead of at every operation. docker-compose.yml gives the worker the same options. A value already set in
# the environment wins (empty: none).
# DeploymentDescriptorTest holds the Dockerfile and docker-compose.yml to these values.
SPA_GLIBC_TUNABLES="glibc.malloc.arena_max=1:glibc.malloc.trim_threshold=4294967296:glibc.malloc.mmap_threshold=33554432"
: "${SPA_WORKER_JAVA_OPTS=-XX:+AlwaysPreTouch -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1}"
