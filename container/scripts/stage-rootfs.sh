#!/usr/bin/env bash
# Stages the file system of the server's container image in OUT/rootfs, from Debian's own binaries:
#   opt/java              a Java runtime jlinked from this JDK with only the modules the server uses;
#   lib/, lib64/, usr/    the Debian packages that runtime links against, downloaded with apt-get and
#                         unpacked with dpkg-deb (not copied from this machine's /lib);
#   etc/passwd, etc/group the unprivileged user the server runs as (parley, 10001:10001);
#   tmp/                  for the JVM and JNA (argon2's native library is unpacked there).
# ImageBuilder turns the tree into layers. Needs jlink (JDK 17), apt-get and dpkg-deb: a Debian or Ubuntu machine.
set -euo pipefail

out=${1:?usage: stage-rootfs.sh OUT_DIR}
rootfs="$out/rootfs"
debs="$out/debs"
# The server's modules: what jdeps finds in the shaded jar (installer/scripts/module-deps.sh does the same for
# the client), plus those only reached by reflection or service lookup: jdk.unsupported (JNA, Jackson),
# jdk.crypto.ec (TLS key exchange), jdk.zipfs; java.desktop for the image thumbnails of chat files (javax.imageio,
# headless; without it the server died at start).
modules="java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.httpserver,jdk.net,jdk.unsupported,jdk.crypto.ec,jdk.zipfs"
# What the jlinked runtime (libjvm, libjava, libzip, ...) and argon2's native library need: glibc, the GCC
# runtime (libjvm is C++), zlib. The image test runs java in a chroot of the result, so a missing one shows.
packages=(libc6 libgcc-s1 libstdc++6 zlib1g)

java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
for tool in "$java_home/bin/jlink" apt-get dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "stage-rootfs: $tool is missing (needs a JDK 17 and Debian's apt)" >&2; exit 1; }
done

rm -rf "$rootfs" "$debs"
mkdir -p "$rootfs" "$debs"

echo "stage-rootfs: jlink $modules"
# Not --compress: gzip compresses the layer better (20 MB against 24) and the JVM starts without inflating.
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$rootfs/opt/java"

echo "stage-rootfs: apt-get download ${packages[*]}"
# apt-get download writes into the current folder; as root it warns that _apt cannot write there, harmlessly.
if ! (cd "$debs" && apt-get download "${packages[@]}" 2>"$debs/apt.err"); then
  echo "stage-rootfs: apt-get download failed; refreshing the package lists once" >&2
  cat "$debs/apt.err" >&2
  apt-get update -qq
  (cd "$debs" && apt-get download "${packages[@]}")
fi
for deb in "$debs"/*.deb; do
  dpkg-deb -x "$deb" "$rootfs"
done
# Keep the packages' copyright files (their licences travel with the binaries), drop the rest of /usr/share.
find "$rootfs/usr/share" -mindepth 1 -maxdepth 1 ! -name doc -exec rm -rf {} +
find "$rootfs/usr/share/doc" -type f ! -name copyright -delete
find "$rootfs/usr/share/doc" -type l -delete
rm -rf "${rootfs:?}/usr/lib/x86_64-linux-gnu/gconv" "${rootfs:?}/usr/lib/gcc" "${rootfs:?}/usr/libexec" \
  "${rootfs:?}/usr/lib/x86_64-linux-gnu/audit" "${rootfs:?}/sbin" "${rootfs:?}/usr/sbin" "${rootfs:?}/usr/bin"
# The dynamic loader finds the libraries through a cache, as on any Debian system.
ldconfig -r "$rootfs" 2>/dev/null || ldconfig -r "$rootfs" -X

mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/var/lib/parley"
chmod 1777 "$rootfs/tmp"
cat > "$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
parley:x:10001:10001:Parley room server:/var/lib/parley:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
PASSWD
cat > "$rootfs/etc/group" <<'GROUP'
root:x:0:
parley:x:10001:
nogroup:x:65534:
GROUP
echo "hosts: files dns" > "$rootfs/etc/nsswitch.conf"
chmod 644 "$rootfs/etc/passwd" "$rootfs/etc/group" "$rootfs/etc/nsswitch.conf"
find "$debs" -name '*.deb' -printf '%f\n' | sort > "$out/debian-packages.txt"
echo "stage-rootfs: $(du -sh "$rootfs" | cut -f1) in $rootfs from $(tr '\n' ' ' < "$out/debian-packages.txt")"
