#!/usr/bin/env bash
# install-deps.sh: installs what Trawl needs to build and test on Debian 12 (as root, or
# through sudo): the compiler and CMake, Xapian and its tools (xapian-tcpsrv, for the
# remote-shard tests), ICU, libstemmer, jansson, libexttextcat, gumbo (HTML) and cmark
# (Markdown); clang and its runtime for the libFuzzer targets; scdoc (the manual pages' sources
# to roff) and man-db (their test); librsvg (charts as PNG; rsvg-convert renders them in tests)
# and fonts for their Latin and CJK text; libmicrohttpd (trawl-serve), curl, and Chromium driven
# by a Python DevTools client (its tests).
set -euo pipefail
packages=(build-essential cmake pkg-config clang-format clang libclang-rt-14-dev
          libxapian-dev xapian-tools libicu-dev libstemmer-dev libjansson-dev
          libexttextcat-dev libexttextcat-data libgumbo-dev libcmark-dev scdoc man-db
          librsvg2-dev librsvg2-bin fonts-dejavu-core fonts-wqy-zenhei libmicrohttpd-dev curl
          chromium python3 python3-websocket libpoppler-glib-dev qpdf poppler-utils shared-mime-info)
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "install-deps: ${packages[*]} installed"
