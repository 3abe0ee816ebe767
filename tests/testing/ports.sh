# Free loopback ports for the test scripts that start whole processes on fixed ports (the
# quickstart takes a base port). Sourced, not run.
#
# The ports are picked below the kernel's ephemeral range (ip_local_port_range, 32768 and up on
# Debian), where every test that binds port 0 gets its port: a port found free there can be taken
# a moment later by another test's server, which is how a quickstart under ctest -j once lost its
# gRPC port. Below the range only another fixed-port test can collide, and these probe first.

swv_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# swv_free_port_base COUNT: prints a base port with COUNT consecutive free ports after it;
# returns 1 when none was found.
swv_free_port_base() {
  local count=$1 low=10000 high=32000 ephemeral base offset
  if read -r ephemeral _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null; then
    ((ephemeral - count - 1 > low + 1000)) && high=$((ephemeral - count - 1))
  fi
  for _ in $(seq 1 100); do
    base=$((low + (RANDOM * 32768 + RANDOM) % (high - low)))
    for ((offset = 0; offset < count; offset++)); do
      swv_port_in_use $((base + offset)) && continue 2
    done
    echo "$base"
    return 0
  done
  return 1
}
