import Foundation
import LightboxDomain

extension FHIRResourceDefinition {
    /// Observation: the radiation dose summary of each performed exam with dose figures
    /// (``FHIRRadiationDoseSummary``), searched by patient, by the ImagingStudy it is part of, or by the
    /// exam's accession number. Reads are audited as exam reads, like the ImagingStudy's.
    static var observation: FHIRResourceDefinition {
        FHIRResourceDefinition(
            type: "Observation",
            documentation: "Radiation dose summaries (HL7 Radiation Dose Summary IG, LOINC 73569-6), one per "
                + "performed exam with dose figures, part of the exam's ImagingStudy (same id): the figures the "
                + "dose register chose by precedence (RDSR, MPPS, image headers, entry) and its effective dose "
                + "estimate. Needs viewExams.",
            permission: .viewExams,
            searchParameters: [
                .id, .patient, .subject(of: "Observation"),
                FHIRSearchParameter(
                    "part-of", .reference, definition: FHIRSearchParameter.base("Observation", "part-of"),
                    "ImagingStudy/{id} (the exam's study)"),
                .clinicalIdentifier("Accession number (\(FHIRNamingSystem.accessionNumber))"),
                FHIRSearchParameter(
                    "code", .token, definition: FHIRSearchParameter.base("clinical", "code"),
                    "\(FHIRRadiationDoseSummary.loinc)|73569-6 (the only code served)"),
            ],
            read: examRead(many: { try await doseSummaries($0, $1) }),
            search: { request, parameters in
                let studyID = parameters.one("part-of").map {
                    $0.text.split(separator: "/").last.flatMap { UUID(uuidString: String($0)) }
                }
                if let code = parameters.one("code"),
                    !code.alternatives.map(FHIRToken.init).contains(where: {
                        $0.matches(system: FHIRRadiationDoseSummary.loinc, code: "73569-6")
                    })
                {
                    return []
                }
                let exams = try await exams(request, parameters, states: FHIRImagingStudy.states) { exam in
                    if let studyID, studyID != exam.id { return false }
                    return FHIRRadiationDoseSummary.exists(exam)
                }
                return try await doseSummaries(exams, request)
            })
    }

    /// Dose summary Observations of exams, with the register's effective dose estimate.
    static func doseSummaries(_ exams: [Exam], _ request: FHIRRequest) async throws -> [JSONValue] {
        let reference = try await FHIRReferenceData.load(for: exams, from: request.call.store)
        let coefficients = request.department.environment.configuration.effectiveDoseCoefficients
        return exams.compactMap { exam in
            let estimate = exam.dose.flatMap {
                try? EffectiveDoseEstimate.estimate(
                    $0, bodyRegion: reference.catalogue[exam.examCode]?.bodyRegion, ageYears: nil,
                    coefficients: coefficients
                ).get()
            }
            return FHIRRadiationDoseSummary.resource(exam, reference, effectiveDose: estimate)
        }
    }
}
