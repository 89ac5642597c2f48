import Foundation
import LightboxDomain
import Testing

@testable import LightboxWeb

/// The pages' view logic, without HTML.
@Suite("Page models")
struct PageModelTests {
    static let now = Date(timeIntervalSince1970: 1_772_442_000)

    static func exam(
        _ state: ExamState, priority: Priority = .routine, requestedDaysAgo: Double = 1, scheduledAt: Date? = nil,
        alert: FindingAlert? = nil
    ) -> Exam {
        let patientID = UUID(uuidString: "00000000-0000-0000-0000-0000000000AA")!
        var exam = Exam(
            id: UUID(), accessionNumber: "ACC\(Int.random(in: 1000...9999))", patientID: patientID,
            referrerID: UUID(), examCode: "XCHEST", examName: "Chest X-ray", modality: .DX, bodyRegion: .chest,
            laterality: .notApplicable, clinicalQuestion: "? infection", priority: priority, patientSource: nil,
            location: nil, pregnancyStatusOnRequest: nil, research: nil, requestIdentifiers: RequestIdentifiers(),
            requestedAt: now.addingTimeInterval(-requestedDaysAgo * 86400), state: state)
        if let scheduledAt {
            exam.booking = Booking(roomID: UUID(), scheduledAt: scheduledAt, bookedBy: "desk", bookedAt: now)
        }
        if let alert {
            exam.report = ReportRecord(
                text: "Finding", alert: alert, reportedBy: UUID(), reportedAt: now, needsIndependentVerification: false)
        }
        return exam
    }

    static func user(_ role: AccessRole) -> SignedInUser {
        SignedInUser(accountID: UUID(), username: "someone", role: role, staffID: nil, credential: .session)
    }

    static func home(_ role: AccessRole, _ exams: [Exam]) -> HomePageModel {
        let layout = LayoutModel(
            title: "Home", user: user(role), policy: .default, csrfToken: "t", path: "/", idleSeconds: 60)
        return HomePageModel(
            layout: layout, user: user(role), policy: .default, exams: exams, patients: [:], now: now,
            configuration: .default)
    }

    @Test("Home lists what each role has to do now, and only that")
    func homePerRole() {
        let exams = [
            Self.exam(.requested, priority: .routine, requestedDaysAgo: 5),
            Self.exam(.requested, priority: .urgent, requestedDaysAgo: 1),
            Self.exam(.justified),
            Self.exam(.booked, scheduledAt: Self.now.addingTimeInterval(3600)),
            Self.exam(.booked, scheduledAt: Self.now.addingTimeInterval(3 * 86400)),
            Self.exam(.completed),
            Self.exam(.imagesChecked),
            Self.exam(.reported, alert: .critical),
        ]
        let radiographer = Self.home(.radiographer, exams)
        #expect(radiographer.sections.map(\.id) == ["vetting", "booking", "today", "image-check"])
        let vetting = radiographer.sections[0]
        #expect(vetting.count == 2)
        #expect(vetting.rows.first?.priority == "Urgent", "the urgent request comes first")
        #expect(radiographer.sections[2].count == 1, "only today's appointment is on today's list")

        let support = Self.home(.supportWorker, exams)
        #expect(support.sections.map(\.id) == ["booking", "today"])
        #expect(!support.sections.map(\.id).contains("vetting"))

        // A report's alert is shown once the report is verified, until the referrer's team acknowledges it.
        var verified = Self.exam(.reportVerified, alert: .critical)
        verified.report?.verifiedAt = Self.now
        var acknowledged = Self.exam(.reportVerified, alert: .urgent)
        acknowledged.report?.verifiedAt = Self.now
        acknowledged.report?.alertAcknowledgedAt = Self.now
        let radiologist = Self.home(.radiologist, exams + [verified, acknowledged])
        #expect(radiologist.sections.map(\.id).contains("reporting"))
        #expect(radiologist.sections.map(\.id).contains("verify"))
        #expect(radiologist.alerts.map(\.category) == ["Critical"])
        #expect(radiologist.hasAlerts)

        let admin = Self.home(.admin, exams)
        #expect(admin.sections.isEmpty && admin.nothingToDo)
        #expect(HomePageModel.states(for: .admin, policy: .default).isEmpty)
    }

    @Test("Out-of-range observations stay on the home and exam pages of those who acknowledge them until acknowledged")
    func observationAlerts() throws {
        let supervisor = UUID()
        var exam = Self.exam(.inProgress)
        let mine = VitalSignsAlert(
            id: UUID(), findings: ["pulse 124/min (normal 51-90)"], news2Score: 5, urgent: true,
            addressedTo: supervisor, raisedAt: Self.now)
        let other = VitalSignsAlert(
            id: UUID(), findings: ["temperature 38.4 °C"], news2Score: 1, urgent: false, addressedTo: UUID(),
            raisedAt: Self.now.addingTimeInterval(-600))
        exam.vitalSignsAlerts = [other, mine]
        var user = Self.user(.radiographer)
        user.staffID = supervisor
        let layout = LayoutModel(
            title: "Home", user: user, policy: .default, csrfToken: "t", path: "/", idleSeconds: 60)
        let home = HomePageModel(
            layout: layout, user: user, policy: .default, exams: [exam], patients: [:], now: Self.now,
            configuration: .default)
        #expect(home.hasAlerts)
        #expect(
            home.alerts.map(\.category) == ["Observations: urgent", "Observations out of range"],
            "the alert addressed to this radiographer comes first")
        #expect(home.alerts.first?.href == "/exams/\(exam.id.uuidString)#acknowledge-alert")
        #expect(Self.home(.supportWorker, [exam]).alerts.isEmpty, "a support worker cannot acknowledge them")

        let context = ExamActions.Context(
            role: .radiographer, policy: .default, rooms: [], staff: [], entry: nil, patient: nil,
            configuration: .default, now: Self.now)
        let form = try #require(ExamActions.forms(for: exam, context).first { $0.id == "acknowledge-alert" })
        #expect(form.action == "/exams/\(exam.id.uuidString)/vital-signs-alert-acknowledgement")
        #expect(form.groups.first?.items.map(\.value) == [other.id.uuidString, mine.id.uuidString])
        exam.vitalSignsAlerts[0].acknowledgedAt = Self.now
        exam.vitalSignsAlerts[1].acknowledgedAt = Self.now
        #expect(!ExamActions.forms(for: exam, context).contains { $0.id == "acknowledge-alert" })
        #expect(!Self.home(.radiographer, [exam]).hasAlerts, "acknowledged alerts leave the home page")

        let (command, problems) = ExamActionCommands.alertAcknowledgement(
            exam.id, FormBody(pairs: [("alertID", mine.id.uuidString), ("action", "repeated observations")]))
        #expect(command?.alertID == mine.id && command?.action == "repeated observations" && problems.isEmpty)
        let (none, missing) = ExamActionCommands.alertAcknowledgement(exam.id, FormBody(pairs: []))
        #expect(none == nil && missing.map(\.field) == ["alertID"])
    }

    @Test("The six-week diagnostic clock is shown against each waiting exam")
    func waitClock() {
        let fresh = ExamRow(
            Self.exam(.justified, requestedDaysAgo: 10), patient: nil, now: Self.now, configuration: .default)
        #expect(fresh.waitingDays == 10)
        #expect(fresh.waitText == "10 of 42 days")
        #expect(!fresh.overWaitTarget)
        let late = ExamRow(
            Self.exam(.justified, requestedDaysAgo: 50), patient: nil, now: Self.now, configuration: .default)
        #expect(late.overWaitTarget)
        #expect(late.waitText.contains("over the 6-week target"))
    }

    @Test("Sign-in sends people back only to a page of this site")
    func safeNext() {
        #expect(SignInPageModel.safeNext("/patients?q=Khan") == "/patients?q=Khan")
        #expect(SignInPageModel.safeNext("//evil.example/") == "/")
        #expect(SignInPageModel.safeNext("https://evil.example/") == "/")
        #expect(SignInPageModel.safeNext("/\\evil.example") == "/")
        #expect(SignInPageModel.safeNext(nil) == "/")
        let failed = SignInPageModel(formToken: "x", next: "/vetting", username: "a", failure: "Wrong")
        #expect(failed.errorSummary?.items.map(\.href) == ["#field-password"])
        #expect(failed.username.error == nil, "which of the two was wrong is not said")
    }

    @Test("One search box takes any identifier")
    func searchTerms() throws {
        let byNHS = PatientSearchPageModel.queries(for: "943 476 5919")
        #expect(byNHS.count == 1 && byNHS[0].nhsNumber?.digits == "9434765919")
        #expect(
            PatientSearchPageModel.queries(for: "02/11/1980").first?.dateOfBirth
                == (try CalendarDate(year: 1980, month: 11, day: 2)))
        #expect(PatientSearchPageModel.queries(for: "1980-11-02").first?.dateOfBirth != nil)
        let byName = PatientSearchPageModel.queries(for: "Khan")
        #expect(byName.map(\.hospitalNumber) == ["Khan", nil])
        #expect(byName.map(\.familyName) == [nil, "Khan"])
        let byHospitalNumber = PatientSearchPageModel.queries(for: "RVJ65919")
        #expect(byHospitalNumber.count == 1 && byHospitalNumber[0].hospitalNumber == "RVJ65919")
    }

    @Test("Form bodies decode as browsers encode them")
    func formBody() {
        let form = FormBody("_csrf=abc&name.family=O%27Neill&given=Mary+Ann&alerts=a%0D%0Ab&box=1&box=2&empty=")
        #expect(form["name.family"] == "O'Neill")
        #expect(form["given"] == "Mary Ann")
        #expect(form["alerts"] == "a\r\nb")
        #expect(form.all("box") == ["1", "2"])
        #expect(form["empty"] == nil)
        #expect(form["missing"] == nil)
    }

    @Test("Form tokens match only their own session")
    func formTokens() {
        let token = CSRFToken.token(for: "secret-one")
        #expect(CSRFToken.matches(token, secret: "secret-one"))
        #expect(!CSRFToken.matches(token, secret: "secret-two"))
        #expect(!CSRFToken.matches(nil, secret: "secret-one"))
        #expect(!CSRFToken.matches("", secret: ""))
        #expect(!CSRFToken.matches(token, secret: nil))
    }

    @Test("The vetting form needs a decision, and a guideline needs its version")
    func vettingCommand() {
        let examID = UUID()
        let (none, problems) = VettingForm.command(examID: examID, form: FormBody("reason=x"))
        #expect(none == nil && problems.map(\.field) == ["decision"])
        let (authorised, _) = VettingForm.command(
            examID: examID, form: FormBody("decision=accept&guideline.id=CXR-1&guideline.version=3"))
        #expect(authorised?.guideline == GuidelineReference(id: "CXR-1", version: "3"))
        let (_, noVersion) = VettingForm.command(examID: examID, form: FormBody("decision=accept&guideline.id=CXR-1"))
        #expect(noVersion.map(\.field) == ["guideline.version"])
        let form = VettingForm(
            examID: examID, catalogue: [], form: FormBody("decision=reject"),
            problems: [FieldProblem("reason", "give a reason to reject")])
        #expect(form.errorSummary?.items.map(\.href) == ["#field-reason"])
        #expect(form.decisions.first { $0.value == "reject" }?.checked == true)
    }

    @Test("Registration problems are shown against the field they are about")
    func registrationProblems() {
        #expect(RegisterPatientPageModel.formField(forDomainField: "hospitalNumbers[0].value") == "hospitalNumber")
        #expect(
            RegisterPatientPageModel.formField(forDomainField: "hospitalNumbers[0].issuingAuthority")
                == "hospitalAuthority")
        #expect(RegisterPatientPageModel.formField(forDomainField: "nhsNumber") == "nhsNumber")
        let (details, problems) = RegisterPatientPageModel.details(FormBody("name.family=Khan&dateOfBirth=31/02/1980"))
        #expect(details == nil && problems.map(\.field) == ["dateOfBirth"])
        let model = RegisterPatientPageModel(
            layout: .visitor(title: "t"), form: FormBody("name.family=Khan"),
            problems: [FieldProblem("nhsNumber", "the check digit is wrong")])
        #expect(model.errorSummary?.items.map(\.href) == ["#field-nhsNumber"])
        #expect(model.fields.first { $0.name == "name.family" }?.value == "Khan")
    }

    @Test("Navigation offers only the pages a role may open")
    func navigation() {
        let support = LayoutModel.navigation(for: .supportWorker, policy: .default).map(\.1)
        #expect(support.contains("/patients") && !support.contains("/vetting"))
        let radiographer = LayoutModel.navigation(for: .radiographer, policy: .default).map(\.1)
        #expect(radiographer.contains("/vetting"))
    }

    @Test("Sign-in locks an account after its limit and an address after its own, then lets go")
    func throttle() async {
        let policy = SignInThrottlePolicy(accountFailures: 3, addressFailures: 5, window: 60, lockDuration: 300)
        let throttle = SignInThrottle(policy: policy)
        let start = Self.now
        for attempt in 1...2 {
            let locks = await throttle.recordFailure(username: "A.Person", address: "10.0.0.1:5000", now: start)
            #expect(locks.isEmpty, "attempt \(attempt)")
        }
        let locks = await throttle.recordFailure(username: "a.person", address: "10.0.0.1:5001", now: start)
        #expect(locks.map(\.subject) == [.account("a.person")])
        #expect(await throttle.lockedUntil(username: "a.person", address: nil, now: start) != nil)
        #expect(await throttle.lockedUntil(username: "other", address: "10.0.0.2:1", now: start) == nil)
        #expect(
            await throttle.lockedUntil(username: "a.person", address: nil, now: start.addingTimeInterval(301)) == nil)

        // Five failures from one address, each for a different account, lock the address.
        var addressLocks: [SignInThrottle.Lock] = []
        for index in 0..<2 {
            addressLocks += await throttle.recordFailure(username: "user\(index)", address: "10.0.0.1:6000", now: start)
        }
        #expect(addressLocks.map(\.subject) == [.address("10.0.0.1")])
        #expect(await throttle.lockedUntil(username: "anyone", address: "10.0.0.1:7000", now: start) != nil)
        #expect(SignInThrottle.addressKey("[::1]:8080") == "::1")
        #expect(SignInThrottle.addressKey("127.0.0.1:8080") == "127.0.0.1")
    }
}
