// libjpeg-turbo's TurboJPEG API (Debian libturbojpeg0-dev): JPEG baseline/extended 8-bit decode and encode.
#include <turbojpeg.h>
