# Sourced by the commands that run SPA rounds. glibc keeps PyTorch's large freed blocks for the next round instead of
# returning them to the kernel and faulting them in again (docs/worker.md, "CPU settings"); an explicit GLIBC_TUNABLES
# wins. deploy/Dockerfile sets the same value (DeploymentDescriptorTest holds the two equal).
SPA_GLIBC_TUNABLES="glibc.malloc.arena_max=1:glibc.malloc.trim_threshold=4294967296:glibc.malloc.mmap_threshold=33554432"
