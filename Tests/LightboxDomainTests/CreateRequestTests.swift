import Foundation
import LightboxDomain
import Testing

@Suite("Request validation")
struct CreateRequestTests {
    func command(_ f: Fixture, _ patient: Patient, _ change: (inout CreateRequest.Command) -> Void = { _ in })
        -> CreateRequest.Command
    {
        var command = CreateRequest.Command(
            patientID: patient.id, identifiers: Fixture.identifiers(of: patient), examCode: "XPELVI",
            clinicalQuestion: "Hip pain after fall", referrerID: f.edDoctor.id, priority: .urgent, pregnancyStatus: .no)
        change(&command)
        return command
    }

    @Test("A complete request is accepted and audited")
    func accepted() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        let exam = try await f.department.createRequest(command(f, patient), by: f.orders).value
        #expect(exam.state == .requested)
        #expect(exam.pregnancyStatusOnRequest == PregnancyAnswer.no)
        #expect(await f.store.state.audit.last?.action == "exam.requested")
    }

    @Test("An empty request names every missing item at once, and nothing is stored")
    func everythingMissing() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        let error = await f.expectRefused(.requestMissingIdentifiers) {
            _ = try await f.department.createRequest(
                .init(
                    patientID: patient.id, identifiers: RequestIdentifiers(), examCode: nil, clinicalQuestion: "  ",
                    referrerID: nil, priority: nil), by: f.orders)
        }
        let fields = Set(error?.fields.map(\.field) ?? [])
        #expect(
            fields.isSuperset(of: [
                "identifiers.name", "identifiers.dateOfBirth", "identifiers.nhsNumber", "identifiers.hospitalNumber",
                "identifiers.address", "examCode", "clinicalQuestion", "referrerID", "priority",
            ]))
    }

    @Test("Two identifiers are not enough: the three absent ones are each named")
    func twoIdentifiers() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        let error = await f.expectRefused(.requestMissingIdentifiers) {
            _ = try await f.department.createRequest(
                command(f, patient) {
                    $0.identifiers = RequestIdentifiers(name: patient.name, dateOfBirth: patient.dateOfBirth)
                },
                by: f.orders)
        }
        #expect(
            Set(error?.fields.map(\.field) ?? []) == [
                "identifiers.nhsNumber", "identifiers.hospitalNumber", "identifiers.address",
            ])
    }

    @Test("Location never counts as an identifier")
    func locationDoesNotCount() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        await f.expectRefused(.requestMissingIdentifiers) {
            _ = try await f.department.createRequest(
                command(f, patient) {
                    $0.identifiers = RequestIdentifiers(name: patient.name, dateOfBirth: patient.dateOfBirth)
                    $0.location = "Ward 7, bed 3"
                }, by: f.orders)
        }
    }

    @Test("Name, date of birth and address are three identifiers without any number")
    func threeWithoutNumbers() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        let exam = try await f.department.createRequest(
            command(f, patient) {
                $0.identifiers = RequestIdentifiers(
                    name: patient.name, dateOfBirth: patient.dateOfBirth, address: patient.address)
            }, by: f.orders)
        #expect(exam.value.state == .requested)
    }

    @Test("An invalid NHS number and identifiers that disagree with the record are named")
    func wrongIdentifiers() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        let error = await f.expectRefused(.requestIncomplete) {
            _ = try await f.department.createRequest(
                command(f, patient) {
                    $0.identifiers.nhsNumber = "9434765918"
                    $0.identifiers.dateOfBirth = try? CalendarDate(iso: "1950-01-01")
                }, by: f.orders)
        }
        let problems = Dictionary(uniqueKeysWithValues: (error?.fields ?? []).map { ($0.field, $0.code) })
        #expect(problems["identifiers.nhsNumber"] == .invalidNHSNumber)
        #expect(problems.keys.contains("identifiers.dateOfBirth"))
    }

    @Test("The patient is found from the NHS number when no id is given")
    func findsPatient() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        let exam = try await f.department.createRequest(command(f, patient) { $0.patientID = nil }, by: f.orders)
        #expect(exam.value.patientID == patient.id)
    }

    @Test("A referrer outside their scope is refused (GP asking for CT)")
    func outOfScope() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .male)
        let error = await f.expectRefused(.referrerOutOfScope) {
            _ = try await f.department.createRequest(
                command(f, patient) {
                    $0.examCode = "CHEADN"
                    $0.referrerID = f.gp.id
                }, by: f.orders)
        }
        #expect(error?.fields.first?.field == "referrerID")
        // The same GP may ask for plain films.
        _ = try await f.department.createRequest(command(f, patient) { $0.referrerID = f.gp.id }, by: f.orders)
    }

    @Test("An unknown referrer and an unknown exam are refused")
    func unknownReferrerAndExam() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        let error = await f.expectRefused(.requestIncomplete) {
            _ = try await f.department.createRequest(
                command(f, patient) {
                    $0.referrerID = UUID()
                    $0.examCode = "ZZZZZZ"
                }, by: f.orders)
        }
        #expect(Set(error?.fields.map(\.field) ?? []) == ["referrerID", "examCode"])
    }

    @Test("Pregnancy status is needed where relevant, not for a chest or a man")
    func pregnancyStatus() async throws {
        let f = try await Fixture.make()
        let woman = try await f.patient(sex: .female, age: 30)
        let error = await f.expectRefused(.requestIncomplete) {
            _ = try await f.department.createRequest(command(f, woman) { $0.pregnancyStatus = nil }, by: f.orders)
        }
        #expect(error?.fields.map(\.field) == ["pregnancyStatus"])
        _ = try await f.department.createRequest(
            command(f, woman) {
                $0.pregnancyStatus = nil
                $0.examCode = "XCHEST"
            }, by: f.orders)
        let man = try await f.patient(sex: .male, age: 30)
        _ = try await f.department.createRequest(command(f, man) { $0.pregnancyStatus = nil }, by: f.orders)
        let older = try await f.patient(sex: .female, age: 70)
        _ = try await f.department.createRequest(command(f, older) { $0.pregnancyStatus = nil }, by: f.orders)
    }

    @Test("A side is needed for a one-sided exam")
    func laterality() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        let error = await f.expectRefused(.requestIncomplete) {
            _ = try await f.department.createRequest(command(f, patient) { $0.examCode = "XWRIST" }, by: f.orders)
        }
        #expect(error?.fields.map(\.field) == ["laterality"])
    }

    @Test("A research request needs the ethics reference and the dose constraint")
    func research() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        let error = await f.expectRefused(.requestIncomplete) {
            _ = try await f.department.createRequest(
                command(f, patient) {
                    $0.research = ResearchDetails(ethicsReference: " ", doseConstraintMilliSievert: nil)
                },
                by: f.orders)
        }
        #expect(
            Set(error?.fields.map(\.field) ?? []) == [
                "research.ethicsReference", "research.doseConstraintMilliSievert",
            ])
        let exam = try await f.department.createRequest(
            command(f, patient) {
                $0.research = ResearchDetails(ethicsReference: "REC 24/SW/0001", doseConstraintMilliSievert: 1)
            },
            by: f.orders)
        #expect(exam.value.research?.ethicsReference == "REC 24/SW/0001")
    }

    @Test("A request against a merged record is refused, naming the surviving record")
    func merged() async throws {
        let f = try await Fixture.make()
        let survivor = try await f.patient()
        var old = try await f.patient()
        old.mergedInto = survivor.id
        let merged = old
        await f.store.mutate { $0.patients[merged.id] = merged }
        let error = await f.expectRefused(.patientMerged) {
            _ = try await f.department.createRequest(command(f, merged), by: f.orders)
        }
        #expect(error?.fields.first?.problem.contains(survivor.id.uuidString) == true)
    }

    @Test("Only roles allowed to request may do so")
    func permission() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        await f.expectRefused(.permissionDenied) {
            _ = try await f.department.createRequest(command(f, patient), by: f.supportWorker)
        }
        _ = try await f.department.createRequest(command(f, patient), by: f.referrerActor)
    }

    @Test("A referrer's account requests as its own referrer, never as another")
    func referrerRequestsAsThemselves() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        // Naming another referrer, by id or by registration number, is refused.
        await f.expectRefused(.referrerNotOwn) {
            _ = try await f.department.createRequest(
                command(f, patient) { $0.referrerID = f.gp.id }, by: f.referrerActor)
        }
        await f.expectRefused(.referrerNotOwn) {
            _ = try await f.department.createRequest(
                command(f, patient) {
                    $0.referrerID = nil
                    $0.referrerRegistrationNumber = f.gp.registrationNumber
                }, by: f.referrerActor)
        }
        // Naming nobody: the request is made as the account's referrer.
        let exam = try await f.department.createRequest(
            command(f, patient) { $0.referrerID = nil }, by: f.referrerActor
        ).value
        #expect(exam.referrerID == f.edDoctor.id)
        // Still within that referrer's scope: the GP may request plain film only.
        var gpAccount = f.referrerActor
        gpAccount.referrerID = f.gp.id
        await f.expectRefused(.referrerOutOfScope) {
            _ = try await f.department.createRequest(
                command(f, patient) {
                    $0.referrerID = nil
                    $0.examCode = "CHEADN"
                }, by: gpAccount)
        }
    }

    @Test("Only integration accounts and the HL7 and FHIR doors name the referrer")
    func onlyOrderingSystemsNameTheReferrer() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        // A radiologist signed in to the API with no referrer linked may not name one.
        await f.expectRefused(.referrerNotOwn) {
            _ = try await f.department.createRequest(command(f, patient), by: f.radiologist)
        }
        // A referrer's account that is not linked is refused even when it names a referrer.
        var unlinked = f.referrerActor
        unlinked.referrerID = nil
        await f.expectRefused(.referrerNotOwn) {
            _ = try await f.department.createRequest(command(f, patient), by: unlinked)
        }
        // The same radiologist's request arriving through the FHIR door names the referrer.
        var throughFHIR = f.radiologist
        throughFHIR.door = .fhir
        let exam = try await f.department.createRequest(command(f, patient), by: throughFHIR).value
        #expect(exam.referrerID == f.edDoctor.id)
        // A radiologist linked to a referrer record requests as that referrer.
        var linked = f.radiologist
        linked.referrerID = f.edDoctor.id
        await f.expectRefused(.referrerNotOwn) {
            _ = try await f.department.createRequest(
                command(f, patient) { $0.referrerID = f.gp.id }, by: linked)
        }
    }

    @Test("Only the requesting referrer answers a request returned for information")
    func resubmitOnlyByOwnReferrer() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        let exam = try await f.department.createRequest(command(f, patient), by: f.orders).value
        _ = try await f.department.justifyRequest(
            .init(examID: exam.id, decision: .requestInformation, reason: "Mechanism of injury?"), by: f.radiologist)
        var gpAccount = f.referrerActor
        gpAccount.referrerID = f.gp.id
        await f.expectRefused(.referrerNotOwn) {
            _ = try await f.department.resubmitRequest(
                .init(examID: exam.id, additionalInformation: "Fell"), by: gpAccount)
        }
        let answered = try await f.department.resubmitRequest(
            .init(examID: exam.id, additionalInformation: "Fell"), by: f.referrerActor)
        #expect(answered.value.state == .requested)
    }
}
