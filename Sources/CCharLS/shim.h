// CharLS's C API (Debian libcharls-dev): JPEG-LS (ITU-T T.87) decode.
#include <charls/charls.h>
