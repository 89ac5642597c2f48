# Debian package installation shared by scripts/serve and scripts/test (sourced, not run).
#
#   debian_install CALLER PACKAGE…   installs those of PACKAGE… that are not installed: one
#                                    `apt-get update`, then one `apt-get install`, as root or via sudo;
#                                    nothing at all when every package is there.
#   debian_missing PACKAGE…          prints, one a line, those of PACKAGE… that are not installed.
#
# LIGHTBOX_DRY_RUN=1 prints the commands that would run ("would run: …") instead of running them.
# LIGHTBOX_DPKG_ADMINDIR points dpkg-query at another database (a folder holding a `status` file),
# so the logic can be tested against a machine that lacks packages without removing any here.

# The C libraries (headers and pkg-config files) that Package.swift's system library targets link:
# CTurboJPEG (libturbojpeg), CCharLS (charls), COpenJPEG (libopenjp2); zlib for deflate; pkg-config
# for SwiftPM to find them.
lightbox_build_packages=(
    pkg-config libturbojpeg0-dev libjpeg62-turbo-dev libcharls-dev libopenjp2-7-dev zlib1g-dev
)

debian_missing() {
    local package admindir=()
    if [ -n "${LIGHTBOX_DPKG_ADMINDIR:-}" ]; then admindir=(--admindir="$LIGHTBOX_DPKG_ADMINDIR"); fi
    for package in "$@"; do
        dpkg-query "${admindir[@]}" -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || echo "$package"
    done
}

# Runs a command as root: directly when we are root, else through sudo; prints it under LIGHTBOX_DRY_RUN.
debian_as_root() {
    if [ -n "${LIGHTBOX_DRY_RUN:-}" ]; then
        echo "would run: $*"
        return 0
    fi
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "$caller: installing Debian packages needs root; run as root or install sudo" >&2
        return 1
    fi
}

debian_install() {
    local caller=$1
    shift
    if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "$caller: dpkg-query not found: this script installs Debian packages (Debian 12 or later)" >&2
        return 1
    fi
    local missing
    mapfile -t missing < <(debian_missing "$@")
    if [ ${#missing[@]} -eq 0 ]; then return 0; fi
    echo "$caller: installing Debian packages: ${missing[*]}"
    debian_as_root apt-get update
    debian_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}
