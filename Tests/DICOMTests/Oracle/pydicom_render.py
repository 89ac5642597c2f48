#!/usr/bin/env python3
"""Independent rendering oracle for DICOM pixel tests: pydicom (with pylibjpeg, pylibjpeg-libjpeg and
pylibjpeg-openjpeg as its pixel handlers, and Pillow for 8-bit DCT JPEG) + numpy apply the documented pipeline

    stored values -> modality LUT (apply_modality_lut) -> VOI (apply_voi_lut: VOI LUT Sequence first, else the
    first window with its VOI LUT Function; a min/max window when the header has neither) -> 8 bits
    -> MONOCHROME1 inversion;  colour: as_rgb YBR->RGB, palette via apply_color_lut, scaled to 8 bits

and write each frame's 8-bit samples to OUT. Prints one JSON line: width, height, samples per pixel.

8-bit JPEG Baseline/Extended is decoded with pydicom's Pillow plugin, whose wheels bundle libjpeg-turbo: the
same codec family as ours (Debian's libjpeg-turbo), so the IDCT (ISLOW) and the chroma upsampling (libjpeg-turbo's
"fancy" triangle filter) are the same and the comparison holds at one grey level. pylibjpeg-libjpeg (libjpeg 9)
upsamples chroma by DCT scaling and differs by up to three levels after the colour transform. The YCbCr->RGB
transform is NOT left to the codec here: pydicom asks Pillow for the raw components (Image.draft("YCbCr") unless
an Adobe APP14 marker says what they are) and then as_rgb converts YBR_FULL / YBR_FULL_422 with numpy, using the
full-range equations of PS3.3 C.7.6.3.1.2 (the JFIF transform PS3.5 8.2.1 requires for lossy JPEG). Ours lets
libjpeg-turbo convert to RGB (TJPF_RGB, the same JFIF equations in fixed point), so the colour transform is still
checked against an independent implementation; RGB streams without a colour marker stay untransformed on both sides.

usage: pydicom_render.py LIST   (LIST: lines "FILE<TAB>FRAME<TAB>OUT"; one JSON line per entry, with "error"
                                  instead of the size when pydicom cannot render it)
"""
import json
import sys

import numpy as np
import pydicom
from PIL import features as pillow_features
from pydicom.pixels import apply_color_lut, apply_modality_lut, apply_voi_lut, pixel_array


def to_byte(values):
    return np.clip(np.round(values), 0, 255).astype(np.uint8)


def window_range(ds):
    """The output range pydicom's apply_windowing maps into (pydicom 3.0 processing.apply_windowing)."""
    if ds.get("ModalityLUTSequence"):
        return 0.0, float(2 ** ds.ModalityLUTSequence[0].LUTDescriptor[2] - 1)
    bits = int(ds.BitsStored)
    if ds.PixelRepresentation == 0:
        low, high = 0.0, float(2**bits - 1)
    else:
        low, high = float(-(2 ** (bits - 1))), float(2 ** (bits - 1) - 1)
    slope, intercept = ds.get("RescaleSlope"), ds.get("RescaleIntercept")
    if slope is not None and intercept is not None:
        low, high = low * float(slope) + float(intercept), high * float(slope) + float(intercept)
    return low, high


def apply_functional_groups(ds, frame):
    """PS3.3 C.7.6.16: an enhanced image's Pixel Value Transformation and Frame VOI LUT macros (shared, then the
    frame's own) replace the top-level attributes; pydicom 3.0's apply_* functions read only the top level."""
    groups = []
    if "SharedFunctionalGroupsSequence" in ds and len(ds.SharedFunctionalGroupsSequence):
        groups.append(ds.SharedFunctionalGroupsSequence[0])
    if "PerFrameFunctionalGroupsSequence" in ds and frame < len(ds.PerFrameFunctionalGroupsSequence):
        groups.append(ds.PerFrameFunctionalGroupsSequence[frame])
    for group in groups:
        for macro in ("PixelValueTransformationSequence", "FrameVOILUTSequence"):
            if macro in group and len(group[macro].value):
                for element in group[macro].value[0]:
                    if element.tag.group == 0x0028:
                        ds[element.tag] = element


def decoding_plugin(ds):
    """Pillow (bundled libjpeg-turbo) for 8-bit DCT JPEG, pydicom's default choice for everything else; Pillow
    refuses 12-bit JPEG Extended, which stays with pylibjpeg-libjpeg."""
    syntax = ds.file_meta.TransferSyntaxUID
    if syntax == pydicom.uid.JPEGBaseline8Bit or (syntax == pydicom.uid.JPEGExtended12Bit and ds.BitsStored == 8):
        return "pillow"
    return ""


def render(ds, frame):
    apply_functional_groups(ds, frame)
    photometric = ds.PhotometricInterpretation
    arr = pixel_array(ds, index=frame, decoding_plugin=decoding_plugin(ds))
    if photometric in ("MONOCHROME1", "MONOCHROME2"):
        values = apply_modality_lut(arr, ds).astype(np.float64)
        voi = ds.get("VOILUTSequence")
        if voi and "LUTData" in voi[0]:
            lut_input = values.astype(np.int64) if np.all(values == np.floor(values)) else values
            out = apply_voi_lut(lut_input, ds, index=0, prefer_lut=True).astype(np.float64)
            out = out / (2 ** int(voi[0].LUTDescriptor[2]) - 1) * 255
        elif "WindowCenter" in ds and "WindowWidth" in ds and ds.WindowCenter is not None and ds.WindowWidth is not None:
            out = apply_voi_lut(values, ds, index=0, prefer_lut=False).astype(np.float64)
            low, high = window_range(ds)
            out = (out - low) / (high - low) * 255
        else:
            low, high = values.min(), values.max()
            out = (values - low) / (high - low) * 255 if high > low else np.zeros_like(values)
        out = to_byte(out)
        if photometric == "MONOCHROME1":
            out = 255 - out
        return out, 1
    if photometric == "PALETTE COLOR":
        if not ds.original_encoding[1]:
            # pydicom 3.0.2's apply_color_lut reads OW LUT data as little endian even in Explicit VR Big Endian
            # data sets (PS3.5 §A.3 says the words are big endian): swap them so the tables are what was encoded.
            for colour in ("Red", "Green", "Blue"):
                keyword = f"{colour}PaletteColorLookupTableData"
                if keyword in ds:
                    ds[keyword].value = np.frombuffer(ds[keyword].value, dtype=">u2").astype("<u2").tobytes()
        rgb = apply_color_lut(arr, ds).astype(np.float64)
        bits = int(ds.RedPaletteColorLookupTableDescriptor[2])
        return to_byte(rgb / (2**bits - 1) * 255), 3
    # RGB, YBR_*: pixel_array's as_rgb has already converted YBR to RGB.
    maximum = 2 ** int(ds.BitsStored) - 1
    return to_byte(arr.astype(np.float64) / maximum * 255), 3


def main():
    if not pillow_features.check_feature("libjpeg_turbo"):
        # A Pillow built on another libjpeg would bring back the codec difference this oracle avoids.
        sys.exit("pydicom_render.py: Pillow must be built with libjpeg-turbo (pip install pillow)")
    with open(sys.argv[1], encoding="utf-8") as listing:
        jobs = [line.rstrip("\n").split("\t") for line in listing if line.strip()]
    for path, frame, out_path in jobs:
        try:
            ds = pydicom.dcmread(path, force=True)
            if "TransferSyntaxUID" not in ds.file_meta:
                # Files without File Meta: pydicom has already guessed the encoding while reading.
                ds.file_meta.TransferSyntaxUID = (
                    pydicom.uid.ImplicitVRLittleEndian if ds.original_encoding[0] else pydicom.uid.ExplicitVRLittleEndian
                )
            image, samples = render(ds, int(frame))
            with open(out_path, "wb") as handle:
                handle.write(np.ascontiguousarray(image).tobytes())
            result = {"out": out_path, "width": int(ds.Columns), "height": int(ds.Rows), "samples": samples}
        except Exception as error:  # the oracle reports, the Swift test decides
            result = {"out": out_path, "error": f"{type(error).__name__}: {error}"[:300]}
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore")
    main()
