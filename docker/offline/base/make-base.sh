#!/usr/bin/env bash
# Makes the one base image every offline image starts from, out of Debian packages only (no image registry):
# debootstrap of a minimal Debian bookworm with the JRE, curl, HAProxy and Prometheus, the avqa user (uid 10001),
# then `docker import`. One base for all (the JRE services, the Kafka broker, the balancer and Prometheus) keeps
# the number of images, and of copies of them on the Docker host, small.
#
#   docker/offline/base/make-base.sh [TAG]        # default avqa/base:bookworm
#
# The root file system is cached as a tarball in $AVQA_BASE_CACHE (default /var/cache/avqa-docker), keyed by the
# package list, like Maven's ~/.m2: a second build imports it without downloading. AVQA_FRESH_BASE=1 rebuilds it.
# Needs root, debootstrap and a Debian mirror ($DEBIAN_MIRROR, default the host's first deb.debian.org-style URI).
set -euo pipefail

tag=${1:-avqa/base:bookworm}
packages=openjdk-17-jre-headless,curl,haproxy,prometheus
mirror=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}
mirror=${mirror:-http://deb.debian.org/debian}
cache=${AVQA_BASE_CACHE:-/var/cache/avqa-docker}
tarball="$cache/bookworm-$(printf '%s' "$packages" | sha1sum | cut -c1-12).tar"

if [ "${AVQA_FRESH_BASE:-0}" = 1 ] || [ ! -s "$tarball" ]; then
  mkdir -p "$cache"
  root=$(mktemp -d /var/tmp/avqa-rootfs.XXXXXX)
  trap 'umount "$root/proc" 2>/dev/null || true; rm -rf "$root"' EXIT
  echo "base: debootstrap bookworm ($packages) from $mirror"
  debootstrap --variant=minbase --include="$packages" bookworm "$root" "$mirror" > "$cache/debootstrap.log" 2>&1 \
    || { tail -20 "$cache/debootstrap.log" >&2; echo "base: debootstrap failed (log: $cache/debootstrap.log)" >&2; exit 1; }
  # The avqa services' user (docker/*/Dockerfile: uid 10001, home /var/lib/avqa, where JavaCPP and DJL unpack
  # their natives) and Prometheus' data folder owned by the packaged prometheus user.
  chroot "$root" groupadd --system --gid 10001 avqa
  chroot "$root" useradd --system --uid 10001 --gid avqa --home-dir /var/lib/avqa --create-home --shell /usr/sbin/nologin avqa
  chroot "$root" install -d -o prometheus -g prometheus /prometheus
  # What a container never needs: package lists and archives, documentation; Prometheus' promtool and the
  # unpacked time-zone tables of libjs-moment-timezone (about 200 MB; the web UI does not read them).
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
         "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/bin/promtool \
         "$root"/usr/share/javascript/moment-timezone/data/unpacked
  tar --numeric-owner -C "$root" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
else
  echo "base: root file system from $tarball"
fi
docker import --change 'ENV LANG=C.UTF-8' --change 'CMD ["bash"]' "$tarball" "$tag" > /dev/null
echo "base: $tag ($(du -m "$tarball" | cut -f1) MB)"
