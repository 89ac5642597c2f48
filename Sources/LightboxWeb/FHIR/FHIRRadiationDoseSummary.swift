import Foundation
import LightboxDomain

/// An exam's dose record as the radiation dose summary Observation of the HL7 "Radiation Dose Summary for
/// Diagnostic Procedures on FHIR" implementation guide (profile `radiation-dose-summary`, STU 1): code LOINC
/// 73569-6, part of the exam's ImagingStudy, the Study Instance UID, RDSR SOP Instance UIDs and accession
/// number as identifiers, the practitioner who justified the exposure as performer (the irradiation
/// authorising person), the irradiating device, and one component per accumulated figure with its DICOM
/// code (PS3.16 CID 10050 items: 121058 procedure reported, 113722 DAP total, 113725 dose (RP) total,
/// 113726/113727 fluoroscopy and acquisition DAP, 113730 fluoroscopy time, 113731 radiographic frames,
/// 113813 CT DLP total, 113830 mean CTDIvol, 111637 accumulated AGD, 113507 administered activity) and
/// 113839 effective dose for the register's estimate. The id is the exam's, as for its ImagingStudy.
public enum FHIRRadiationDoseSummary {
    public static let profile =
        "http://hl7.org/fhir/uv/radiation-dose-summary/StructureDefinition/radiation-dose-summary"
    static let loinc = "http://loinc.org"
    static let ucum = "http://unitsofmeasure.org"

    /// Whether the exam has a dose summary: it was performed and a source gave figures.
    public static func exists(_ exam: Exam) -> Bool {
        exam.performance != nil && exam.dose?.source != nil
    }

    /// The procedure reported (121058): DCM 113704 projection X-ray, SCT 77477000 CT, SCT 71651007
    /// mammography, DCM 113502 radiopharmaceutical administration.
    static func procedureReported(_ procedure: DoseProcedure) -> JSONValue {
        let (system, code, display) =
            switch procedure {
            case .projection: (FHIRNamingSystem.dicomDCM, "113704", "Projection X-Ray")
            case .ct: (FHIRNamingSystem.snomedCT, "77477000", "Computerized axial tomography")
            case .mammography: (FHIRNamingSystem.snomedCT, "71651007", "Mammography")
            case .nuclearMedicine: (FHIRNamingSystem.dicomDCM, "113502", "Radiopharmaceutical Administration")
            }
        return .fhir([
            (
                "coding",
                .array([.fhir([("system", .string(system)), ("code", .string(code)), ("display", .string(display))])])
            )
        ])
    }

    static func code(_ code: String, _ display: String) -> JSONValue {
        .fhir([
            (
                "coding",
                .array([
                    .fhir([
                        ("system", .string(FHIRNamingSystem.dicomDCM)), ("code", .string(code)),
                        ("display", .string(display)),
                    ])
                ])
            )
        ])
    }

    static func quantity(_ code: String, _ display: String, _ value: Double?, unit: String) -> JSONValue? {
        guard let value, value.isFinite else { return nil }
        return .fhir([
            ("code", Self.code(code, display)),
            (
                "valueQuantity",
                .fhir([
                    ("value", .number(value)), ("unit", .string(unit)), ("system", .string(ucum)),
                    ("code", .string(unit)),
                ])
            ),
        ])
    }

    /// The Observation, nil when the exam has no dose figures yet.
    /// - Parameter effectiveDose: the register's estimate for the exam, when there is one.
    public static func resource(
        _ exam: Exam, _ reference: FHIRReferenceData, effectiveDose: EffectiveDoseEstimate?
    ) -> JSONValue? {
        guard exists(exam), let record = exam.dose, let performance = exam.performance else { return nil }
        let totals = record.totals
        let procedure = record.procedure ?? DoseProcedure(modality: exam.modality)
        var identifiers: [JSONValue] = []
        if let study = exam.studyInstanceUID {
            identifiers.append(
                .fhir([
                    ("type", .fhir([("text", .string("Study Instance UID"))])),
                    ("system", .string(FHIRNamingSystem.dicomUID)), ("value", .string("urn:oid:\(study)")),
                ]))
        }
        for report in record.reports where report.source == .rdsr {
            identifiers.append(
                .fhir([
                    ("type", .fhir([("text", .string("Radiation dose SR SOP Instance UID"))])),
                    ("system", .string(FHIRNamingSystem.dicomUID)), ("value", .string("urn:oid:\(report.sourceUID)")),
                ]))
        }
        identifiers.append(
            .fhir([
                ("type", FHIRNamingSystem.identifierType("ACSN", "Accession ID")),
                ("system", .string(FHIRNamingSystem.accessionNumber)), ("value", .string(exam.accessionNumber)),
            ]))
        // Gy·cm² in the register; the guide's DAP components are in mGy·cm².
        func milligraySquareCentimetres(_ value: Double?) -> Double? { value.map { $0 * 1000 } }
        let agd = totals.averageGlandularDose.map(\.milligray).max()
        var components: [JSONValue?] = [
            .fhir([
                ("code", code("121058", "Procedure reported")), ("valueCodeableConcept", procedureReported(procedure)),
            ]),
            quantity(
                "113722", "Dose Area Product Total", milligraySquareCentimetres(totals.doseAreaProductGyCm2),
                unit: "mGy.cm2"),
            quantity(
                "113726", "Fluoro Dose Area Product Total",
                milligraySquareCentimetres(totals.fluoroscopyDoseAreaProductGyCm2), unit: "mGy.cm2"),
            quantity(
                "113727", "Acquisition Dose Area Product Total",
                milligraySquareCentimetres(totals.acquisitionDoseAreaProductGyCm2), unit: "mGy.cm2"),
            quantity("113725", "Dose (RP) Total", totals.referencePointDoseMilligray, unit: "mGy"),
            quantity("113730", "Total Fluoro Time", totals.fluoroscopySeconds, unit: "s"),
            quantity("113813", "CT Dose Length Product Total", totals.dlpMilligrayCm, unit: "mGy.cm"),
            quantity("113830", "Mean CTDIvol", totals.ctdiVolMilligray, unit: "mGy"),
            quantity("111637", "Accumulated Average Glandular Dose", agd, unit: "mGy"),
            quantity("113507", "Administered activity", totals.administeredActivityMBq, unit: "MBq"),
            quantity("113839", "Effective Dose", effectiveDose?.milliSievert, unit: "mSv"),
        ]
        if procedure == .projection, let frames = totals.numberOfExposures {
            components.append(
                .fhir([
                    ("code", code("113731", "Total Number of Radiographic Frames")),
                    ("valueInteger", .number(Double(frames))),
                ]))
        }
        let performer = exam.justification.map { reference.staffReference($0.staffID) }
        let note = effectiveDose.map {
            "Effective dose estimated by Lightbox: \($0.arithmetic) (\($0.coefficient.source))."
        }
        return .fhir([
            ("resourceType", "Observation"),
            ("id", .string(exam.id.uuidString)),
            ("meta", .fhir([("profile", .array([.string(profile)])), ("lastUpdated", .instant(record.updatedAt))])),
            ("identifier", .array(identifiers)),
            ("partOf", .array([.fhir([("reference", .string("ImagingStudy/\(exam.id.uuidString)"))])])),
            ("status", "final"),
            (
                "category",
                .array([
                    .fhir([
                        (
                            "coding",
                            .array([
                                .fhir([
                                    ("system", "http://terminology.hl7.org/CodeSystem/observation-category"),
                                    ("code", "imaging"), ("display", "Imaging"),
                                ])
                            ])
                        )
                    ])
                ])
            ),
            (
                "code",
                .fhir([
                    (
                        "coding",
                        .array([
                            .fhir([
                                ("system", .string(loinc)), ("code", "73569-6"),
                                ("display", "Radiation exposure and protection information"),
                            ])
                        ])
                    )
                ])
            ),
            ("subject", .fhir([("reference", .string("Patient/\(exam.patientID.uuidString)"))])),
            ("effectiveDateTime", .instant(performance.startedAt)),
            ("issued", .instant(record.updatedAt)),
            ("performer", performer.map { JSONValue.array([$0]) }),
            ("note", note.map { JSONValue.array([JSONValue.fhir([("text", .string($0))])]) }),
            ("device", record.equipment.description.map { JSONValue.fhir([("display", .string($0))]) }),
            ("component", .array(components.compactMap { $0 })),
        ])
    }
}
