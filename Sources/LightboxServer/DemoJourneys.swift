import Foundation
import LightboxDomain

/// The demo's day of patients: each exam is taken through the journey by the people who would do
/// it, stopping at a different state (requested … discharged, reported, report verified, rejected, returned for information,
/// cancelled, did not attend).
struct DemoJourneys {
    let department: Department
    let clock: any Clock
    let configuration: DepartmentConfiguration
    let staff: [String: StaffMember]
    let rooms: [String: Room]
    let referrers: [String: Referrer]

    /// How far an exam goes.
    enum Stop: Int, Comparable {
        case requested, justified, booked, arrived, checked, inProgress, completed, imagesChecked, discharged,
            reported, reportVerified
        static func < (lhs: Stop, rhs: Stop) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    struct Journey {
        var patient: Int
        var examCode: String
        var laterality: Laterality?
        var referrer: String
        var priority: Priority
        var room: String
        var stop: Stop
        var ending: Ending?
        var justifier = "g.okafor"
        var operatorName = "t.nguyen"
        var supervisor: String?
        var checker = "g.okafor"
        var reporter = "dr.shah"
        var pregnancy: PregnancyAnswer?
    }

    enum Ending {
        case rejected, returned, cancelled, didNotAttend, rebooked
    }

    struct DemoPatient {
        var family: String
        var given: String
        var born: (Int, Int, Int)
        var sex: AdministrativeSex
        var line: String
        var postcode: String
    }

    static let patients: [DemoPatient] = [
        DemoPatient(
            family: "Thompson", given: "Margaret", born: (1948, 3, 14), sex: .female, line: "12 Mill Lane",
            postcode: "BS3 1AB"),
        DemoPatient(
            family: "Khan", given: "Imran", born: (1979, 11, 2), sex: .male, line: "4 Orchard Close",
            postcode: "BS5 7QT"),
        DemoPatient(
            family: "Williams", given: "Rhys", born: (2009, 6, 21), sex: .male, line: "88 Church Road",
            postcode: "BS4 2LN"),
        DemoPatient(
            family: "O'Neill", given: "Siobhan", born: (1992, 1, 30), sex: .female, line: "Flat 3, 20 Quay Street",
            postcode: "BS1 4DJ"),
        DemoPatient(
            family: "Baptiste", given: "Jean", born: (1955, 8, 8), sex: .male, line: "7 Harbour View",
            postcode: "BS8 4RE"),
        DemoPatient(
            family: "Novak", given: "Petra", born: (1986, 4, 17), sex: .female, line: "31 Station Road",
            postcode: "BS6 5HT"),
        DemoPatient(
            family: "Hughes", given: "Gareth", born: (1963, 12, 5), sex: .male, line: "2 The Green", postcode: "BS9 3PL"
        ),
        DemoPatient(
            family: "Mensah", given: "Abena", born: (2001, 9, 9), sex: .female, line: "55 Victoria Street",
            postcode: "BS2 0QA"),
        DemoPatient(
            family: "Fitzgerald", given: "Liam", born: (1971, 2, 28), sex: .male, line: "19 Rosewood Avenue",
            postcode: "BS7 8NY"),
        DemoPatient(
            family: "Sato", given: "Yuki", born: (1999, 7, 4), sex: .female, line: "6 Park Row", postcode: "BS1 5LJ"),
        DemoPatient(
            family: "Robinson", given: "Edith", born: (1938, 5, 19), sex: .female, line: "Ward 7, Southmead",
            postcode: "BS10 5NB"),
        DemoPatient(
            family: "Dimitrov", given: "Ivan", born: (1983, 10, 12), sex: .male, line: "41 Bath Road",
            postcode: "BS4 3HZ"),
        DemoPatient(
            family: "Clarke", given: "Poppy", born: (2015, 3, 3), sex: .female, line: "9 Meadow Way",
            postcode: "BS13 7AF"),
        DemoPatient(
            family: "Ahmed", given: "Yusuf", born: (1968, 6, 30), sex: .male, line: "14 Elm Grove", postcode: "BS16 2JD"
        ),
    ]

    static let journeys: [Journey] = [
        Journey(
            patient: 0, examCode: "XCHEST", referrer: "gp", priority: .routine, room: "xr1", stop: .reportVerified),
        Journey(
            patient: 1, examCode: "XWRIST", laterality: .left, referrer: "ed", priority: .emergency, room: "xr2",
            stop: .reported, operatorName: "a.kowalski", reporter: "dr.brennan"),
        Journey(
            patient: 2, examCode: "XANKLE", laterality: .right, referrer: "ed", priority: .urgent, room: "xr1",
            stop: .imagesChecked),
        Journey(
            patient: 3, examCode: "XHANDB", laterality: .right, referrer: "ed", priority: .urgent, room: "xr2",
            stop: .completed, operatorName: "j.price", supervisor: "g.okafor"),
        Journey(
            patient: 4, examCode: "CHEADN", referrer: "ed", priority: .emergency, room: "ct", stop: .inProgress,
            justifier: "dr.shah", operatorName: "a.kowalski", checker: "a.kowalski"),
        Journey(
            patient: 5, examCode: "XKNEEJ", laterality: .left, referrer: "ortho", priority: .routine, room: "xr1",
            stop: .checked, operatorName: "s.chen", supervisor: "t.nguyen"),
        Journey(patient: 6, examCode: "XLSPIN", referrer: "gp", priority: .routine, room: "xr2", stop: .arrived),
        Journey(patient: 7, examCode: "XCHEST", referrer: "gp", priority: .routine, room: "xr1", stop: .booked),
        Journey(
            patient: 8, examCode: "XCSPIN", referrer: "ortho", priority: .routine, room: "xr2", stop: .booked,
            ending: .rebooked),
        Journey(
            patient: 9, examCode: "XABDOM", referrer: "gp", priority: .routine, room: "xr1", stop: .justified,
            pregnancy: .no),
        Journey(
            patient: 10, examCode: "XCHEST", referrer: "ed", priority: .inpatient, room: "mobile", stop: .requested),
        Journey(
            patient: 11, examCode: "XLSPIN", referrer: "gp", priority: .routine, room: "xr1", stop: .requested,
            ending: .rejected),
        Journey(
            patient: 12, examCode: "XPELVI", referrer: "gp", priority: .routine, room: "xr1", stop: .requested,
            ending: .returned, pregnancy: .notApplicable),
        Journey(
            patient: 13, examCode: "XSHOUL", laterality: .left, referrer: "ortho", priority: .routine, room: "xr2",
            stop: .booked, ending: .cancelled),
        Journey(
            patient: 1, examCode: "XCHEST", referrer: "gp", priority: .routine, room: "xr2", stop: .booked,
            ending: .didNotAttend),
        Journey(
            patient: 6, examCode: "XHIPJT", laterality: .right, referrer: "ortho", priority: .routine, room: "xr1",
            stop: .discharged, operatorName: "k.doyle", supervisor: "h.osei", checker: "h.osei"),
    ]

    func actor(_ username: String, _ role: AccessRole) -> Actor {
        Actor(staffID: staff[username]?.id, username: username, role: role, door: .web, address: "demo")
    }

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = configuration.timeZone
        return calendar
    }

    func run() async throws {
        let manager = actor("demo.manager", .manager)
        var registered: [Patient] = []
        for (index, person) in Self.patients.enumerated() {
            let nhs = Self.nhsNumber(index)
            let details = PatientDetails(
                nhsNumber: nhs,
                hospitalNumbers: [
                    HospitalNumber(value: String(format: "RVJ%07d", 4_100_000 + index * 37), issuingAuthority: "RVJ")
                ],
                name: PersonName(family: person.family, given: [person.given]),
                dateOfBirth: try CalendarDate(year: person.born.0, month: person.born.1, day: person.born.2),
                sex: person.sex, address: PostalAddress(lines: [person.line, "Bristol"], postcode: person.postcode),
                gpPracticeCode: "L81001")
            registered.append(try await department.registerPatient(details, by: manager).value)
        }

        let startOfDay = calendar.startOfDay(for: clock.now())
        for (index, journey) in Self.journeys.enumerated() {
            let slot = calendar.date(byAdding: .minute, value: 8 * 60 + 20 * index, to: startOfDay) ?? startOfDay
            try await take(journey, patient: registered[journey.patient], slot: slot, repeatsAProjection: index == 1)
        }
    }

    /// The department as it is at `date` (its clock moved there), or as it is now when `date` is nil.
    func department(at date: Date?) -> Department {
        guard let date else { return department }
        var environment = department.environment
        environment.clock = OffsetClock(base: clock, offset: date.timeIntervalSince(clock.now()))
        return Department(environment)
    }

    /// Minutes after the appointment at which a past day's step happens (arrival a little early,
    /// the report within the afternoon): used by the scaled demo's earlier days.
    static func minutesAfterSlot(_ stop: Stop) -> Int {
        switch stop {
        case .requested, .justified, .booked: 0
        case .arrived: -5
        case .checked: 1
        case .inProgress: 2
        case .completed: 10
        case .imagesChecked: 12
        case .discharged: 13
        case .reported: 150
        case .reportVerified: 180
        }
    }

    /// Takes one exam through its journey: requested, vetted and booked the day before `slot` (a
    /// booking in the past is refused), then each step up to `journey.stop` by the people who would
    /// do it, each through its use case. `stepTime` says when the steps from arrival on happen (nil:
    /// now, the demo's own day).
    func take(
        _ journey: Journey, patient: Patient, slot: Date, repeatsAProjection: Bool = false,
        stepTime: (Stop) -> Date? = { _ in nil }
    ) async throws {
        guard let referrer = referrers[journey.referrer], let room = rooms[journey.room] else { return }
        let manager = actor("demo.manager", .manager)
        let reception = actor("r.clarke", .supportWorker)
        // Appointments are made the day before, as a booking office does (and a booking in the
        // past is refused, whatever the time of day the demo is loaded). A past day's request and
        // vetting happen then too.
        let dayBeforeSlot = calendar.date(byAdding: .day, value: -1, to: slot) ?? slot
        let dayBefore = department(at: min(dayBeforeSlot, clock.now().addingTimeInterval(-86_400)))
        let requested = stepTime(.requested) == nil ? department : dayBefore
        // The GP requests through the web as himself; the hospital's other requests arrive from its
        // order communications system, which names the referrer.
        let referrerActor =
            journey.referrer == "gp"
            ? Actor(
                staffID: nil, username: "dr.patel", role: .referrer, door: .web, address: "demo",
                referrerID: referrer.id)
            : Actor(staffID: nil, username: "demo-orders", role: .integration, door: .system, address: "demo")
        let request = CreateRequest.Command(
            patientID: patient.id,
            identifiers: RequestIdentifiers(
                name: patient.name, dateOfBirth: patient.dateOfBirth, nhsNumber: patient.nhsNumber?.digits,
                hospitalNumber: patient.hospitalNumbers.first, address: patient.address),
            examCode: journey.examCode, laterality: journey.laterality,
            clinicalQuestion: Self.question(journey.examCode), referrerID: referrer.id, priority: journey.priority,
            patientSource: journey.room == "mobile"
                ? .inpatient : (journey.referrer == "ed" ? .emergencyDepartment : .generalPractice),
            location: journey.room == "mobile" ? "Ward 7" : nil, pregnancyStatus: journey.pregnancy)
        let exam = try await requested.createRequest(request, by: referrerActor).value
        let justifier = actor(journey.justifier, journey.justifier.hasPrefix("dr.") ? .radiologist : .radiographer)
        if journey.ending == .rejected {
            _ = try await requested.justifyRequest(
                .init(
                    examID: exam.id, decision: .reject,
                    reason: "Not indicated: no red flags; iRefer advises no imaging"),
                by: justifier)
            return
        }
        if journey.ending == .returned {
            _ = try await requested.justifyRequest(
                .init(
                    examID: exam.id, decision: .requestInformation, reason: "Please give the mechanism of injury"),
                by: justifier)
            return
        }
        guard journey.stop >= .justified else { return }
        _ = try await requested.justifyRequest(.init(examID: exam.id, decision: .accept), by: justifier)
        guard journey.stop >= .booked else { return }
        _ = try await dayBefore.bookExam(.init(examID: exam.id, roomID: room.id, scheduledAt: slot), by: reception)
        switch journey.ending {
        case .cancelled:
            _ = try await department(at: stepTime(.arrived)).cancelExam(
                .init(examID: exam.id, reason: "Referrer withdrew the request"), by: manager)
            return
        case .didNotAttend:
            _ = try await department(at: stepTime(.completed)).recordDidNotAttend(
                .init(examID: exam.id, reason: "Did not attend; letter sent to GP"), by: reception)
            return
        case .rebooked:
            let later = calendar.date(byAdding: .day, value: 1, to: slot) ?? slot
            _ = try await department(at: stepTime(.arrived)).rebookExam(
                .init(examID: exam.id, roomID: room.id, scheduledAt: later, reason: "Patient asked for tomorrow"),
                by: reception)
            return
        default: break
        }
        guard journey.stop >= .arrived else { return }
        _ = try await department(at: stepTime(.arrived)).recordArrival(.init(examID: exam.id), by: reception)
        guard journey.stop >= .checked else { return }
        let operatorRole: AccessRole =
            switch staff[journey.operatorName]?.profession {
            case .assistantPractitioner: .assistantPractitioner
            case .student: .student
            case .apprentice: .apprentice
            default: .radiographer
            }
        let operatorActor = actor(journey.operatorName, operatorRole)
        let checkedAt = stepTime(.checked) ?? clock.now()
        let mayBePregnant =
            patient.mayBePregnant
            && (patient.age(on: CalendarDate(checkedAt, in: configuration.timeZone)).map {
                configuration.pregnancyEnquiryAgeRange.contains($0)
            } ?? true)
        let relevant = SampleCatalogue.entries.first { $0.code == journey.examCode }?.pregnancyRelevant ?? false
        _ = try await department(at: stepTime(.checked)).recordPauseAndCheck(
            .init(
                examID: exam.id,
                identity: IdentityConfirmation(
                    identifiers: [.name, .dateOfBirth, .nhsNumber], methods: [.verbal, .wristband]),
                anatomy: AnatomyConfirmation(bodyPartConfirmed: true, side: journey.laterality),
                pregnancy: mayBePregnant && relevant ? PregnancyEnquiry(method: .direct, answer: .no) : nil,
                equipmentAndSettingsConfirmed: true,
                supervisorStaffID: journey.supervisor.flatMap { staff[$0]?.id }),
            by: operatorActor)
        guard journey.stop >= .inProgress else { return }
        _ = try await department(at: stepTime(.inProgress)).startExam(
            .init(examID: exam.id, supervisorStaffID: journey.supervisor.flatMap { staff[$0]?.id }),
            by: operatorActor)
        guard journey.stop >= .completed else { return }
        let projections = SampleCatalogue.entries.first { $0.code == journey.examCode }?.projections ?? ["AP"]
        _ = try await department(at: stepTime(.completed)).completeExam(
            .init(
                examID: exam.id, projections: projections.map { PerformedProjection(name: $0) },
                exposures: projections.map {
                    ExposureFigures(
                        projection: $0, kilovolts: 70, milliampereSeconds: 6.3, doseAreaProductGyCm2: 0.12)
                }),
            by: operatorActor)
        guard journey.stop >= .imagesChecked else { return }
        let checker = actor(journey.checker, .radiographer)
        _ = try await department(at: stepTime(.imagesChecked)).checkImages(
            .init(
                examID: exam.id, diagnostic: true,
                rejects: repeatsAProjection
                    ? [ImageReject(projection: projections.last ?? "Lateral", reason: .positioning, repeated: true)]
                    : []),
            by: checker)
        guard journey.stop >= .discharged else { return }
        _ = try await department(at: stepTime(.discharged)).dischargePatient(.init(examID: exam.id), by: checker)
        guard journey.stop >= .reported else { return }
        let reporter = actor(journey.reporter, .radiologist)
        _ = try await department(at: stepTime(.reported)).recordReport(
            .init(examID: exam.id, text: Self.report(journey.examCode)), by: reporter)
        guard journey.stop >= .reportVerified else { return }
        _ = try await department(at: stepTime(.reportVerified)).verifyReport(.init(examID: exam.id), by: reporter)
    }

    /// A valid NHS number in the 999 range (not issued to real people), different for each index.
    static func nhsNumber(_ index: Int) -> String {
        var candidate = 1000 + index * 17
        while true {
            let firstNine = "999" + String(format: "%06d", candidate)
            let digits = firstNine.compactMap(\.wholeNumberValue)
            if let check = NHSNumber.checkDigit(of: digits) { return firstNine + String(check) }
            candidate += 1
        }
    }

    static func report(_ code: String) -> String {
        switch code {
        case "XCHEST": "Lungs clear. No mass, consolidation or effusion. Heart size normal. No acute abnormality."
        case "XWRIST": "Undisplaced fracture of the waist of the left scaphoid. Distal radius intact. Fracture clinic."
        default: "No acute bony abnormality."
        }
    }

    static func question(_ code: String) -> String {
        switch code {
        case "XCHEST": "Persistent cough for 6 weeks; ex-smoker. ? malignancy"
        case "XWRIST": "FOOSH, tender anatomical snuffbox. ? fracture"
        case "XANKLE": "Inversion injury, unable to weight-bear (Ottawa positive)"
        case "XHANDB": "Punched a wall; deformity of 5th metacarpal"
        case "CHEADN": "Fall on anticoagulants, GCS 14. ? intracranial bleed"
        case "XKNEEJ": "Chronic knee pain, ? osteoarthritis, for orthopaedic review"
        case "XLSPIN": "Low back pain with weight loss; red flags"
        case "XCSPIN": "Neck pain after RTC, Canadian C-spine rule positive"
        case "XABDOM": "Suspected bowel obstruction"
        case "XPELVI": "Hip pain after fall"
        case "XSHOUL": "Reduced range of movement, ? dislocation"
        case "XHIPJT": "Hip pain, ? osteoarthritis before referral for replacement"
        default: "Clinical question"
        }
    }
}
