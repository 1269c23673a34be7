# Stops an embedded postmaster once the JVM that started it is gone (even after kill -9), and
# removes its folder. Arguments: the JVM's pid, the postmaster's pid, the server's folder.
jvm=$1; pm=$2; dir=$3
while kill -0 "$jvm" 2>/dev/null; do sleep 1; done
# only the postmaster of this folder: a pid reused by another program is left alone
if tr '\0' ' ' < "/proc/$pm/cmdline" 2>/dev/null | grep -qF -- "$dir"; then
  kill -QUIT "$pm" 2>/dev/null
  i=0
  while kill -0 "$pm" 2>/dev/null && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  pkill -KILL -P "$pm" 2>/dev/null
  kill -KILL "$pm" 2>/dev/null
fi
rm -rf -- "$dir"
