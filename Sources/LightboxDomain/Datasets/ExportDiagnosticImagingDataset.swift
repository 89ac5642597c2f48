import Foundation

/// The monthly Diagnostic Imaging Dataset: every exam performed in the period (one month by default, the one
/// before now), with the patient's, referrer's and procedure's fields, checked against the dataset's field
/// rules. The export carries patient identifiers, so it is audited ("dataset.did.exported", with the count).
public struct ExportDiagnosticImagingDataset: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        /// The month as "CCYY-MM"; the previous calendar month when not given.
        public var month: String?

        public init(month: String? = nil) {
            self.month = month
        }
    }

    /// The most exams one monthly return holds.
    public static let maximumExams = 100_000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    /// The period `month` ("CCYY-MM") names in the department's time zone.
    public func period(_ month: String?) throws(DomainError) -> StatisticsPeriod {
        let zone = environment.configuration.timeZone
        guard let month else { return .previousMonth(of: environment.clock.now(), in: zone) }
        let parts = month.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let number = Int(parts[1]), (1...12).contains(number), (1900...9999).contains(year)
        else {
            throw DomainError(
                .validationFailed, "\"\(month)\" is not a month in the form CCYY-MM.",
                fields: [FieldProblem("month", "must be CCYY-MM")])
        }
        return .month(year: year, month: number, in: zone)
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> DIDExport {
        try environment.policy.require(actor, .exportDatasets)
        let period = try period(command.month)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            let exams = try await unit.statistics.performedExams(in: period, limit: Self.maximumExams)
            let catalogue = Dictionary(uniqueKeysWithValues: try await unit.catalogue.list().map { ($0.code, $0) })
            var patients: [UUID: Patient] = [:]
            var referrers: [UUID: Referrer] = [:]
            var records: [DIDRecord] = []
            for exam in exams {
                if patients[exam.patientID] == nil {
                    patients[exam.patientID] = try await unit.patients.get(exam.patientID)
                }
                if referrers[exam.referrerID] == nil {
                    referrers[exam.referrerID] = try await unit.referrers.get(exam.referrerID)
                }
                records.append(
                    Self.record(
                        exam, patient: patients[exam.patientID], referrer: referrers[exam.referrerID],
                        entry: catalogue[exam.examCode], configuration: configuration))
            }
            try await unit.record(
                actor, "dataset.did.exported", patientID: nil, examID: nil, at: now,
                "Diagnostic Imaging Dataset \(period.from) to \(period.before): \(records.count) exams")
            return DIDExport(
                from: period.from, before: period.before, records: records,
                problems: DIDFieldRules.problems(configuration.diagnosticImagingDataset)
                    + records.flatMap(DIDFieldRules.problems))
        }
    }

    /// The dataset row of one exam.
    public static func record(
        _ exam: Exam, patient: Patient?, referrer: Referrer?, entry: CatalogueEntry?,
        configuration: DepartmentConfiguration
    ) -> DIDRecord {
        let zone = configuration.timeZone
        func day(_ date: Date?) -> String { date.map { CalendarDate($0, in: zone).iso } ?? "" }
        let gender: String =
            switch patient?.sex {
            case .male: "1"
            case .female: "2"
            case .other: "9"
            case .unknown, nil: "0"
            }
        let source: String =
            switch exam.patientSource {
            case .inpatient: "01"
            case .outpatient: "03"
            case .generalPractice: "04"
            case .emergencyDepartment: "05"
            case .other: "07"
            case nil: ""
            }
        let gp = patient?.gpPracticeCode?.trimmed.uppercased() ?? ""
        return DIDRecord(
            nhsNumber: patient?.nhsNumber?.digits ?? "", birthDate: patient?.dateOfBirth?.iso ?? "",
            genderCode: gender, postcode: patient?.address?.postcode?.trimmed.uppercased() ?? "",
            gpPracticeCode: gp.isEmpty ? "V81999" : gp, patientSourceSetting: source,
            referrerCode: referrer?.registrationNumber ?? "",
            referringOrganisationCode: referrer?.organisationCode?.trimmed.uppercased() ?? "",
            requestDate: day(exam.requestedAt), requestReceivedDate: day(exam.requestedAt),
            nicipCode: entry?.code ?? exam.examCode, snomedCTCode: entry?.snomedCT ?? "",
            testDate: day(exam.performance?.startedAt), reportIssueDate: day(exam.report?.verifiedAt),
            providerCode: configuration.diagnosticImagingDataset.providerCode ?? "",
            siteCode: configuration.diagnosticImagingDataset.siteCode ?? "", accessionNumber: exam.accessionNumber)
    }
}
