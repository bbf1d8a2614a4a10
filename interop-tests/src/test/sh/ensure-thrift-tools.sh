#!/usr/bin/env bash
# Makes sure the Thrift tools that the cross-language tests run are present: Debian's thrift-compiler (the `thrift`
# command) and python3-thrift (the `thrift` module of /usr/bin/python3). Installs them only when one is missing, and
# only as root with apt-get; otherwise fails with what to install. Idempotent: does nothing when both are there.
set -euo pipefail

have_compiler() { command -v thrift >/dev/null 2>&1; }
have_python_lib() { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import thrift' >/dev/null 2>&1; }

if have_compiler && have_python_lib; then
  exit 0
fi

missing=()
have_compiler || missing+=(thrift-compiler)
have_python_lib || missing+=(python3-thrift)

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-thrift-tools: missing ${missing[*]}; the cross-language tests need Debian's thrift-compiler and" \
       "python3-thrift. Install them (as root: apt-get install -y thrift-compiler python3-thrift) or skip these" \
       "tests with -pl '!interop-tests'." >&2
  exit 1
fi

echo "ensure-thrift-tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends thrift-compiler python3-thrift
have_compiler && have_python_lib || { echo "ensure-thrift-tools: installed, but still not usable" >&2; exit 1; }
