#!/usr/bin/env bash
# The Spark test (tests/resolution/test_resolution_spark.py) runs a local Spark, which needs Java 17+.
set -euo pipefail
if command -v java >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's headless Java runtime for the Spark test…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
else
  echo "java is not installed; the Spark test will be skipped (sudo apt-get install default-jre-headless)."
fi
