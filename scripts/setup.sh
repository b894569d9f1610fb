#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian 12 machine: the Debian packages the project and its tests use,
# and PixelMed (from Debian) in the local Maven repository. Quick when everything is already there.
#   scripts/setup.sh           everything: build, tests and benchmarks
#   scripts/setup.sh --build   only what compiling and packaging need (deploy/Dockerfile's build stage)
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_ONLY=false
[ "${1:-}" = "--build" ] && BUILD_ONLY=true

BUILD_PACKAGES=(
  libpixelmed-java          # PixelMed: DICOM network and object toolkit (DESIGN.md: dcm4che is not served here)
  libpixelmed-imageio-java  # PixelMed's JPEG (lossless) codecs for compressed transfer syntaxes
  libvecmath-java           # declared by PixelMed
)
TEST_PACKAGES=(
  dcmtk                     # storescu/storescp: real DICOM peers in tests and benchmarks
  dicom3tools               # dciodvfy/dcentvfy: validate what the project writes
  orthanc                   # a real PACS for integration tests
  orthanc-dicomweb          # Orthanc's DICOMweb plugin: the STOW-RS export destination in tests
  chromium                  # a real browser: the candidate-picker page is tested headless
  chromium-driver           # /usr/bin/chromedriver, which Selenium drives (never downloaded at run time)
  python3-pydicom           # its ~120 DICOM test files: the real-world corpus of PydicomCorpusIT and SourcePixelReaderTest
  postgresql                # production-like storage of the FHIR server in AuditQueriesPostgresIT (initdb + postgres per test)
)
DEBIAN_PACKAGES=("${BUILD_PACKAGES[@]}")
$BUILD_ONLY || DEBIAN_PACKAGES+=("${TEST_PACKAGES[@]}")

log() { printf '[setup] %s\n' "$*" >&2; }

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Debian orthanc and postgresql packages may start system services on the default ports; tests start their own
# Orthanc and PostgreSQL processes on free ports and need nothing else listening.

M2_REPO="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"

# install_debian_jar JAR GROUP ARTIFACT VERSION POM_DEPENDENCIES_XML
# Installs a Debian jar with its manifest removed: the Class-Path of Debian's manifests drags
# /usr/share/java/slf4j-api.jar (1.7) and slf4j-jdk14 onto the classpath and bypasses the project's logging.
install_debian_jar() {
  local jar=$1 group=$2 artifact=$3 version=$4 deps=$5
  local target="$M2_REPO/${group//.//}/$artifact/$version/$artifact-$version.jar"
  local stamp="$target.source-sha256"
  local source_sha
  source_sha=$(sha256sum "$jar" | cut -d' ' -f1)
  if [ -f "$target" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$source_sha" ]; then
    return 0
  fi
  log "installing $jar as $group:$artifact:$version (manifest stripped)"
  local work
  work=$(mktemp -d)
  (cd "$work" && mkdir classes && cd classes && jar xf "$jar" && rm -f META-INF/MANIFEST.MF)
  jar --create --no-manifest --file "$work/$artifact.jar" -C "$work/classes" .
  cat > "$work/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>$group</groupId>
  <artifactId>$artifact</artifactId>
  <version>$version</version>
  <description>Installed from Debian's $jar by spa-gateway scripts/setup.sh</description>
  <dependencies>$deps</dependencies>
</project>
POM
  (cd "$work" && mvn -q -B -Dstyle.color=never org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file \
    -Dfile="$work/$artifact.jar" -DpomFile="$work/pom.xml" -Dmaven.repo.local="$M2_REPO")
  echo "$source_sha" > "$stamp"
  rm -rf "$work"
}

install_debian_jar /usr/share/java/pixelmed.jar com.pixelmed.debian pixelmed 20220618 \
  '<dependency><groupId>javax.vecmath</groupId><artifactId>vecmath</artifactId><version>1.5.2</version></dependency>'
install_debian_jar /usr/share/java/pixelmed_imageio.jar com.pixelmed.debian pixelmed-imageio 20200328 ''

if $BUILD_ONLY; then
  log "ready (build only)"
  exit 0
fi

# dcmjs (the parser behind OHIF's SEG support) checks the DICOM-SEG objects the worker writes.
if ! command -v npm >/dev/null 2>&1; then
  log "installing Debian packages: nodejs npm"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
DCMJS_DIR=scripts/dcmjs
if [ ! -d "$DCMJS_DIR/node_modules/dcmjs" ] || [ "$DCMJS_DIR/package-lock.json" -nt "$DCMJS_DIR/node_modules/.package-lock.json" ]; then
  log "installing dcmjs (npm ci in $DCMJS_DIR)"
  npm ci --prefix "$DCMJS_DIR" --no-audit --no-fund --loglevel=error >/dev/null
fi

log "ready"
