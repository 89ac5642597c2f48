#!/usr/bin/env python3
"""Writes two dose reports that carry peak skin doses, for the DoseSummary golden test.

Usage: make_skin_dose_reports.py SOURCE_RDSR OUTDIR -> OUTDIR/xray-with-skin-dose.dcm, OUTDIR/patient-dose.dcm

No corpus file carries a peak skin dose, so both are made from a corpus X-Ray Radiation Dose SR with
pydicom, the way PS3.16 gives the figure: a NUM (128531, DCM, "Maximum Absorbed Radiation Dose"),
CID 10061, qualified by (363698007, SCT, "Finding Site") = (39937001, SCT, "Skin"), CID 10060.
- xray-with-skin-dose.dcm: the source report with the pair in its first two irradiation events
  (1.2 Gy with the finding site on the item; 1800 mGy inside a Radiation Dose Estimate container
  that holds the finding site), a report-level estimate of 2480 mGy, and decoys the reading must
  ignore (a maximum to the lung, a mean to the skin).
- patient-dose.dcm: a Patient Radiation Dose SR (TID 10030) of the same study whose Radiation Dose
  Estimate gives 3.1 Gy to the skin.
"""
import copy
import os
import sys

import pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import generate_uid


def code(value, scheme, meaning):
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = scheme
    item.CodeMeaning = meaning
    return Sequence([item])


def num(value, unit, concept=("128531", "DCM", "Maximum Absorbed Radiation Dose"), relationship="CONTAINS"):
    item = Dataset()
    item.RelationshipType = relationship
    item.ValueType = "NUM"
    item.ConceptNameCodeSequence = code(*concept)
    measured = Dataset()
    measured.NumericValue = value
    measured.MeasurementUnitsCodeSequence = code(unit, "UCUM", unit)
    item.MeasuredValueSequence = Sequence([measured])
    return item


def site(organ=("39937001", "SCT", "Skin"), relationship="HAS CONCEPT MOD"):
    item = Dataset()
    item.RelationshipType = relationship
    item.ValueType = "CODE"
    item.ConceptNameCodeSequence = code("363698007", "SCT", "Finding Site")
    item.ConceptCodeSequence = code(*organ)
    return item


def estimate(*children):
    item = Dataset()
    item.RelationshipType = "CONTAINS"
    item.ValueType = "CONTAINER"
    item.ConceptNameCodeSequence = code("128402", "DCM", "Radiation Dose Estimate")
    item.ContinuityOfContent = "SEPARATE"
    item.ContentSequence = Sequence(list(children))
    return item


def with_site(item, organ=("39937001", "SCT", "Skin")):
    item.ContentSequence = Sequence([site(organ)])
    return item


def main(source, out):
    ds = pydicom.dcmread(source)
    events = [c for c in ds.ContentSequence
              if c.ConceptNameCodeSequence[0].CodeValue == "113706"]
    events[0].ContentSequence.append(with_site(num("1.2", "Gy")))
    events[1].ContentSequence.append(estimate(site(), num("1800", "mGy")))
    events[1].ContentSequence.append(with_site(num("9000", "mGy"), ("39607008", "SCT", "Lung")))
    ds.ContentSequence.append(estimate(site(), num("2480", "mGy"),
                                       num("700", "mGy", ("128533", "DCM", "Mean Absorbed Radiation Dose"))))
    ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.save_as(os.path.join(out, "xray-with-skin-dose.dcm"))

    patient = copy.deepcopy(pydicom.dcmread(source))
    patient.SOPClassUID = "1.2.840.10008.5.1.4.1.1.88.73"
    patient.file_meta.MediaStorageSOPClassUID = patient.SOPClassUID
    patient.SOPInstanceUID = generate_uid()
    patient.file_meta.MediaStorageSOPInstanceUID = patient.SOPInstanceUID
    patient.ConceptNameCodeSequence = code("128401", "DCM", "Patient Radiation Dose Report")
    template = Dataset()
    template.MappingResource = "DCMR"
    template.TemplateIdentifier = "10030"
    patient.ContentTemplateSequence = Sequence([template])
    observers = [c for c in patient.ContentSequence if c.RelationshipType == "HAS OBS CONTEXT"]
    patient.ContentSequence = Sequence(observers + [estimate(site(), num("3.1", "Gy"))])
    patient.save_as(os.path.join(out, "patient-dose.dcm"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
