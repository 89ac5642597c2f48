import Foundation

/// The exposure record of one exam for an inspection or a dose enquiry: every item DOMAIN.md
/// lists, names resolved from the staff list and referrers. Audited as "exam.exposure-record.read".
public struct ViewExposureRecord: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID

        public init(examID: UUID) {
            self.examID = examID
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<ExposureRecord> {
        try environment.policy.require(actor, .viewExams)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let exam = try await unit.exam(command.examID)
            guard exam.performance != nil else {
                throw DomainError(
                    .transitionNotAllowed, "\(exam.examName) has not been performed (it is \(exam.state.label)).")
            }
            let patient = try await unit.patient(exam.patientID)
            let referrer = try await unit.referrers.get(exam.referrerID)
            let roomID = exam.performance?.roomID ?? exam.booking?.roomID
            let room = try await roomID.asyncMap { try await unit.rooms.get($0) } ?? nil
            var names: [UUID: String] = [:]
            func name(_ id: UUID?) async throws -> String {
                guard let id else { return "not recorded" }
                if let known = names[id] { return known }
                let found = try await unit.staff.get(id)?.displayName ?? "unknown staff member \(id)"
                names[id] = found
                return found
            }
            let items = try await Self.items(
                exam: exam, patient: patient, referrer: referrer, room: room, zone: environment.configuration.timeZone,
                name: name)
            try await unit.record(
                actor, "exam.exposure-record.read", patientID: exam.patientID, examID: exam.id, at: now,
                "Exposure record of \(exam.examName) (\(exam.accessionNumber))")
            return Outcome(
                ExposureRecord(
                    examID: exam.id, accessionNumber: exam.accessionNumber, examName: exam.examName, items: items),
                events: [])
        }
    }

    static func items(
        exam: Exam, patient: Patient, referrer: Referrer?, room: Room?, zone: TimeZone,
        name: (UUID?) async throws -> String
    ) async throws -> [ExposureRecord.Item] {
        let none = "none"
        let check = exam.pauseAndCheck
        let performance = exam.performance
        let exposures = performance?.exposures ?? []
        func figures(_ value: (ExposureFigures) -> Double?, _ unit: String) -> String {
            let values = exposures.compactMap { figure in
                value(figure).map { (figure.projection.map { "\($0): " } ?? "") + "\($0.clean) \(unit)" }
            }
            return values.isEmpty ? "not recorded" : values.joined(separator: "; ")
        }
        var items: [(String, String, String)] = []
        var identity = [patient.name.display]
        if let dob = patient.dateOfBirth { identity.append("born \(dob.iso)") }
        if let nhs = patient.nhsNumber { identity.append("NHS \(nhs.digits)") }
        identity += patient.hospitalNumbers.map { "\($0.issuingAuthority) \($0.value)" }
        items.append(("patient", "Patient", identity.joined(separator: ", ")))
        items.append(
            (
                "identifiersChecked", "Identifiers checked (how)",
                check.map {
                    $0.identity.identifiers.map(\.rawValue).joined(separator: ", ") + " by "
                        + $0.identity.methods.map(\.rawValue).joined(separator: " and ")
                } ?? "not recorded"
            ))
        items.append(("identityCheckedBy", "Identity checked by", try await name(check?.identity.confirmedBy)))
        items.append(
            (
                "referrer", "Referrer",
                referrer.map { "\($0.name.display) (\($0.registrationNumber))" }
                    ?? "unknown referrer \(exam.referrerID)"
            ))
        var justification = "not recorded"
        if let record = exam.justification {
            let who = try await name(record.staffID)
            if let guideline = record.guideline {
                justification =
                    "authorised by operator \(who) under guideline \(guideline.id) version \(guideline.version)"
            } else {
                justification = "justified by practitioner \(who)"
            }
            justification += " at \(record.at.formatted(.iso8601))"
        }
        items.append(("justification", "Practitioner, or operator-authoriser with the guideline", justification))
        var operators = "operator \(try await name(performance?.operatorStaffID))"
        if let supervisor = performance?.supervisorStaffID {
            operators += ", supervised by \(try await name(supervisor))"
        }
        if let completedBy = performance?.completedBy, completedBy != performance?.operatorStaffID {
            operators += ", completed by \(try await name(completedBy))"
        }
        items.append(("operators", "Operator(s) and supervisor", operators))
        let pregnancy = check?.pregnancy
        var status =
            pregnancy?.answer?.rawValue ?? exam.pregnancyStatusOnRequest.map { "\($0.rawValue) (on the request)" }
            ?? "not applicable"
        if let override = pregnancy?.override, let doctor = override.countersignedBy {
            status +=
                "; override by \(try await name(override.practitionerStaffID)), countersigned by \(doctor): "
                + (override.reason ?? "")
        }
        if let lastPeriod = pregnancy?.lastMenstrualPeriod { status += "; last period \(lastPeriod.iso)" }
        items.append(("pregnancyStatus", "Pregnancy status", status))
        items.append(
            (
                "breastfeeding", "Breastfeeding status",
                pregnancy?.breastfeeding.map { $0 ? "breastfeeding" : "not breastfeeding" } ?? "not asked"
            ))
        items.append(
            (
                "pregnancyAskedHowAndBy", "Pregnancy enquiry: how and by whom",
                pregnancy == nil
                    ? "not asked"
                    : "\(pregnancy?.method?.rawValue ?? "method not recorded"), by \(try await name(pregnancy?.askedBy))"
            ))
        let carers = (performance?.carers ?? []).map { carer in
            "\(carer.name) (consent \(carer.consentGiven ? "given" : "not given"), told the risks "
                + "\(carer.informedOfRisks ? "yes" : "no"), estimated dose "
                + "\(carer.estimatedDoseMilliSievert.map { "\($0.clean) mSv" } ?? "not recorded"))"
        }
        items.append(("carers", "Carer or comforter present", carers.isEmpty ? none : carers.joined(separator: "; ")))
        items.append(
            (
                "room", "Room",
                room.map { "\($0.name) (\($0.modality.rawValue)\($0.aeTitle.map { ", AE \($0)" } ?? ""))" }
                    ?? "not recorded"
            ))
        items.append(("equipment", "Equipment used", performance?.equipment ?? "not recorded"))
        let projections = (performance?.projections ?? []).map { "\($0.name) x\($0.images)" }
        items.append(
            ("projections", "Projections or series", projections.isEmpty ? none : projections.joined(separator: ", ")))
        let kvMAs = exposures.compactMap { figure -> String? in
            guard figure.kilovolts != nil || figure.milliampereSeconds != nil else { return nil }
            return (figure.projection.map { "\($0): " } ?? "")
                + "\(figure.kilovolts.map { "\($0.clean) kV" } ?? "kV not recorded"), "
                + "\(figure.milliampereSeconds.map { "\($0.clean) mAs" } ?? "mAs not recorded")"
        }
        items.append(("kVAndMAs", "kV and mAs", kvMAs.isEmpty ? "not recorded" : kvMAs.joined(separator: "; ")))
        items.append(("doseAreaProduct", "Dose-area product", figures(\.doseAreaProductGyCm2, "Gy·cm²")))
        let ct = exposures.compactMap { figure -> String? in
            guard figure.ctdiVolMilligray != nil || figure.dlpMilligrayCm != nil else { return nil }
            return (figure.projection.map { "\($0): " } ?? "")
                + "CTDIvol \(figure.ctdiVolMilligray.map { "\($0.clean) mGy" } ?? "not recorded"), "
                + "DLP \(figure.dlpMilligrayCm.map { "\($0.clean) mGy·cm" } ?? "not recorded")"
        }
        items.append(("ctdiVolAndDLP", "CTDIvol and DLP", ct.isEmpty ? "not recorded" : ct.joined(separator: "; ")))
        items.append(("fluoroscopyTime", "Fluoroscopy time", figures(\.fluoroscopySeconds, "s")))
        items.append(("referenceAirKerma", "Reference-point air kerma", figures(\.referenceAirKermaMilligray, "mGy")))
        items.append(("exposureIndex", "Exposure index", figures(\.exposureIndex, "")))
        if let dose = exam.dose, let source = dose.source, source != .entry || exposures.isEmpty {
            // The dose register's chosen figures (RDSR over MPPS over image headers over entry) stand
            // for the exam; the equipment the dose report names joins the record when none was typed.
            // Figures typed per projection at completion stay as typed when they are the only source.
            let from = " (\(source.label.lowercased()))"
            func replace(_ key: String, _ value: String?) {
                guard let value, let index = items.firstIndex(where: { $0.0 == key }) else { return }
                items[index].2 = value
            }
            func total(_ metric: DoseMetric) -> String? {
                metric.value(in: dose.totals).map { "\($0.clean) \(metric.unitLabel)" }
            }
            if performance?.equipment == nil { replace("equipment", dose.equipment.description) }
            replace("doseAreaProduct", total(.doseAreaProduct).map { $0 + from })
            let ct = [total(.ctdiVol).map { "CTDIvol \($0) (highest)" }, total(.dlp).map { "DLP \($0)" }]
                .compactMap { $0 }
            replace("ctdiVolAndDLP", ct.isEmpty ? nil : ct.joined(separator: ", ") + from)
            replace("fluoroscopyTime", total(.fluoroscopyTime).map { $0 + from })
            replace("referenceAirKerma", total(.referencePointDose).map { $0 + from })
            let techniques = dose.events.compactMap { event -> String? in
                guard event.kilovolts != nil || event.milliampereSeconds != nil else { return nil }
                return (event.acquisitionProtocol.map { "\($0): " } ?? "")
                    + "\(event.kilovolts.map { "\($0.clean) kV" } ?? "kV not recorded"), "
                    + "\(event.milliampereSeconds.map { "\($0.clean) mAs" } ?? "mAs not recorded")"
            }
            if !techniques.isEmpty, !items.contains(where: { $0.0 == "kVAndMAs" && $0.2 != "not recorded" }) {
                replace("kVAndMAs", techniques.joined(separator: "; ") + from)
            }
        }
        var rejects: [String] = []
        for check in exam.imageChecks {
            for reject in check.rejects {
                rejects.append(
                    "\(reject.projection): \(reject.reason.rawValue)\(reject.repeated ? ", repeated" : "")"
                        + (reject.note.map { " (\($0))" } ?? ""))
            }
        }
        items.append(
            (
                "rejectsAndRepeats", "Rejects and repeats with reasons",
                rejects.isEmpty ? none : rejects.joined(separator: "; ")
            ))
        var evaluators: [String] = []
        for check in exam.imageChecks {
            evaluators.append(
                "image check by \(try await name(check.checkedBy)) (\(check.diagnostic ? "diagnostic" : "not diagnostic"))"
            )
        }
        if let report = exam.report {
            evaluators.append("reported by \(try await name(report.reportedBy))")
            if let verifier = report.verifiedBy { evaluators.append("verified by \(try await name(verifier))") }
        }
        items.append(
            (
                "imagesEvaluatedBy", "Who evaluated the images",
                evaluators.isEmpty ? "not yet evaluated" : evaluators.joined(separator: "; ")
            ))
        return items.map { ExposureRecord.Item(key: $0.0, label: $0.1, value: $0.2) }
    }
}
