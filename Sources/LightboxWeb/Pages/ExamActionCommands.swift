import Foundation
import LightboxDomain

/// The use cases' commands from the exam page's forms. What the form itself can see is wrong (a
/// time that is not a time, a number that is not a number) comes back as problems against the
/// field; everything else is the use case's to decide.
enum ExamActionCommands {
    typealias Parsed<T> = (command: T?, problems: [FieldProblem])

    /// A `datetime-local` value ("2026-03-02T10:30") in the department's time zone.
    static func time(_ text: String?, field: String, timeZone: TimeZone) -> (Date?, FieldProblem?) {
        guard let text else { return (nil, FieldProblem(field, "enter the date and time")) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        for pattern in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = pattern
            if let date = formatter.date(from: text) { return (date, nil) }
        }
        return (nil, FieldProblem(field, "enter a date and time like 2026-03-02T10:30"))
    }

    static func room(_ form: FormBody) -> (UUID?, FieldProblem?) {
        guard let id = form["roomID"].flatMap(UUID.init(uuidString:)) else {
            return (nil, FieldProblem("roomID", "choose a room"))
        }
        return (id, nil)
    }

    static func booking(_ examID: UUID, _ form: FormBody, timeZone: TimeZone) -> Parsed<BookExam.Command> {
        let (room, roomProblem) = room(form)
        let (at, timeProblem) = time(form["scheduledAt"], field: "scheduledAt", timeZone: timeZone)
        guard let room, let at else { return (nil, [roomProblem, timeProblem].compactMap { $0 }) }
        return (BookExam.Command(examID: examID, roomID: room, scheduledAt: at), [])
    }

    static func rebooking(_ examID: UUID, _ form: FormBody, timeZone: TimeZone) -> Parsed<RebookExam.Command> {
        let (room, roomProblem) = room(form)
        let (at, timeProblem) = time(form["scheduledAt"], field: "scheduledAt", timeZone: timeZone)
        guard let room, let at else { return (nil, [roomProblem, timeProblem].compactMap { $0 }) }
        return (RebookExam.Command(examID: examID, roomID: room, scheduledAt: at, reason: form["reason"] ?? ""), [])
    }

    static func pauseAndCheck(_ examID: UUID, _ form: FormBody, timeZone: TimeZone) -> Parsed<
        RecordPauseAndCheck.Command
    > {
        var problems: [FieldProblem] = []
        var pregnancy: PregnancyEnquiry?
        if let answer = form["pregnancy.answer"].flatMap(PregnancyAnswer.init(rawValue:)) {
            var period: CalendarDate?
            if let text = form["pregnancy.lastMenstrualPeriod"] {
                period = try? CalendarDate(iso: text)
                if period == nil { problems.append(FieldProblem("pregnancy.lastMenstrualPeriod", "enter a real date")) }
            }
            let method = form["pregnancy.method"].flatMap(PregnancyEnquiryMethod.init(rawValue:))
            let breastfeeding = form["pregnancy.breastfeeding"].map { $0 == "true" }
            let practitioner = form["pregnancy.override.practitionerStaffID"].flatMap(UUID.init(uuidString:))
            let doctor = form["pregnancy.override.countersigningDoctorID"].flatMap(UUID.init(uuidString:))
            let reason = form["pregnancy.override.reason"]
            let override =
                practitioner == nil && doctor == nil && reason == nil
                ? nil
                : PregnancyOverride(practitionerStaffID: practitioner, countersigningDoctorID: doctor, reason: reason)
            pregnancy = PregnancyEnquiry(
                method: method, answer: answer, lastMenstrualPeriod: period, breastfeeding: breastfeeding,
                override: override)
        }
        let contrast = contrastScreening(form, timeZone: timeZone, into: &problems)
        guard problems.isEmpty else { return (nil, problems) }
        return (
            RecordPauseAndCheck.Command(
                examID: examID,
                identity: IdentityConfirmation(
                    identifiers: form.all("identity.identifiers").compactMap(PatientIdentifierKind.init(rawValue:)),
                    methods: form.all("identity.methods").compactMap(IdentityMethod.init(rawValue:))),
                anatomy: AnatomyConfirmation(
                    bodyPartConfirmed: form["anatomy.bodyPartConfirmed"] == "true",
                    side: form["anatomy.side"].flatMap(Laterality.init(rawValue:))),
                pregnancy: pregnancy, contrast: contrast,
                equipmentAndSettingsConfirmed: form["equipmentAndSettingsConfirmed"] == "true",
                supervisorStaffID: form["supervisorStaffID"].flatMap(UUID.init(uuidString:))),
            []
        )
    }

    static func start(_ examID: UUID, _ form: FormBody) -> Parsed<StartExam.Command> {
        (
            StartExam.Command(
                examID: examID, supervisorStaffID: form["supervisorStaffID"].flatMap(UUID.init(uuidString:))), []
        )
    }

    /// A decimal figure, or a problem naming the field.
    static func number(_ form: FormBody, _ name: String, into problems: inout [FieldProblem]) -> Double? {
        guard let text = form[name] else { return nil }
        guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value >= 0 else {
            problems.append(FieldProblem(name, "enter a number, like 0.12"))
            return nil
        }
        return value
    }

    static func completion(_ examID: UUID, _ form: FormBody) -> Parsed<CompleteExam.Command> {
        var problems: [FieldProblem] = []
        let figures = ExposureFigures(
            kilovolts: number(form, "exposure.kilovolts", into: &problems),
            milliampereSeconds: number(form, "exposure.milliampereSeconds", into: &problems),
            doseAreaProductGyCm2: number(form, "exposure.doseAreaProductGyCm2", into: &problems),
            exposureIndex: number(form, "exposure.exposureIndex", into: &problems),
            ctdiVolMilligray: number(form, "exposure.ctdiVolMilligray", into: &problems),
            dlpMilligrayCm: number(form, "exposure.dlpMilligrayCm", into: &problems),
            fluoroscopySeconds: number(form, "exposure.fluoroscopySeconds", into: &problems))
        let carerDose = number(form, "carer.dose", into: &problems)
        guard problems.isEmpty else { return (nil, problems) }
        var carers: [CarerRecord] = []
        if let name = form["carer.name"] {
            let ticks = Set(form.all("carer.consent"))
            carers.append(
                CarerRecord(
                    name: name, consentGiven: ticks.contains("consentGiven"),
                    informedOfRisks: ticks.contains("informedOfRisks"), estimatedDoseMilliSievert: carerDose))
        }
        let anyFigure =
            [
                figures.kilovolts, figures.milliampereSeconds, figures.doseAreaProductGyCm2, figures.exposureIndex,
                figures.ctdiVolMilligray, figures.dlpMilligrayCm, figures.fluoroscopySeconds,
            ].contains { $0 != nil }
        return (
            CompleteExam.Command(
                examID: examID, projections: form.all("projections").map { PerformedProjection(name: $0) },
                exposures: anyFigure ? [figures] : [], carers: carers),
            []
        )
    }

    static func imageCheck(_ examID: UUID, _ form: FormBody) -> Parsed<CheckImages.Command> {
        guard let diagnostic = form["diagnostic"].map({ $0 == "true" }) else {
            return (nil, [FieldProblem("diagnostic", "say whether the images answer the clinical question")])
        }
        var rejects: [ImageReject] = []
        if let projection = form["reject.projection"] {
            guard let reason = form["reject.reason"].flatMap(RejectReason.init(rawValue:)) else {
                return (nil, [FieldProblem("reject.reason", "give the reason the image was rejected")])
            }
            rejects.append(
                ImageReject(projection: projection, reason: reason, repeated: !diagnostic, note: form["note"]))
        }
        return (CheckImages.Command(examID: examID, diagnostic: diagnostic, rejects: rejects, note: form["note"]), [])
    }

    static func alertAcknowledgement(_ examID: UUID, _ form: FormBody) -> Parsed<AcknowledgeVitalSignsAlert.Command> {
        guard let alertID = form["alertID"].flatMap(UUID.init(uuidString:)) else {
            return (nil, [FieldProblem("alertID", "choose the alert you are acknowledging")])
        }
        return (AcknowledgeVitalSignsAlert.Command(examID: examID, alertID: alertID, action: form["action"]), [])
    }

    static func doseAlertAcknowledgement(_ examID: UUID, _ form: FormBody) -> Parsed<AcknowledgeDoseAlert.Command> {
        guard let alertID = form["alertID"].flatMap(UUID.init(uuidString:)) else {
            return (nil, [FieldProblem("alertID", "choose the dose alert you are acknowledging")])
        }
        return (AcknowledgeDoseAlert.Command(alertID: alertID, comment: form["comment"] ?? "", examID: examID), [])
    }

    static func report(_ examID: UUID, _ form: FormBody) -> Parsed<RecordReport.Command> {
        (
            RecordReport.Command(
                examID: examID, text: form["text"] ?? "", alert: form["alert"].flatMap(FindingAlert.init(rawValue:))),
            []
        )
    }
}
