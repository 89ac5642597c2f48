// OpenJPEG 2.5 (Debian libopenjp2-7-dev): JPEG 2000 Part 1 and HTJ2K (Part 15) decode.
#include <openjpeg.h>
