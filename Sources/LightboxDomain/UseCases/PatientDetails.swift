import Foundation

/// The editable part of a patient record, as entered at registration or amendment.
public struct PatientDetails: Sendable, Codable, Equatable {
    /// As typed; checked with the modulus-11 check digit.
    public var nhsNumber: String?
    public var hospitalNumbers: [HospitalNumber]
    public var name: PersonName
    public var dateOfBirth: CalendarDate?
    public var sex: AdministrativeSex
    public var childbearingPotential: Bool?
    public var address: PostalAddress?
    public var gpPracticeCode: String?
    public var previousContrastReaction: Bool
    public var alerts: [String]

    public init(
        nhsNumber: String? = nil, hospitalNumbers: [HospitalNumber] = [], name: PersonName,
        dateOfBirth: CalendarDate? = nil, sex: AdministrativeSex = .unknown, childbearingPotential: Bool? = nil,
        address: PostalAddress? = nil, gpPracticeCode: String? = nil, previousContrastReaction: Bool = false,
        alerts: [String] = []
    ) {
        self.nhsNumber = nhsNumber
        self.hospitalNumbers = hospitalNumbers
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.childbearingPotential = childbearingPotential
        self.address = address
        self.gpPracticeCode = gpPracticeCode
        self.previousContrastReaction = previousContrastReaction
        self.alerts = alerts
    }

    /// Validates the details and checks that no other patient holds the same NHS number or
    /// hospital number; returns the parsed NHS number.
    func validate(
        excluding patientID: UUID?, in unit: any UnitOfWork, today: CalendarDate
    ) async throws -> NHSNumber? {
        var problems: [FieldProblem] = []
        if name.family.trimmed.isEmpty { problems.append(FieldProblem("name.family", "the family name is needed")) }
        var number: NHSNumber?
        if let text = nhsNumber, !text.trimmed.isEmpty {
            do { number = try NHSNumber(text) } catch {
                problems.append(
                    FieldProblem("nhsNumber", error.fields.first?.problem ?? error.message, code: .invalidNHSNumber))
            }
        }
        if let dateOfBirth, dateOfBirth > today {
            problems.append(FieldProblem("dateOfBirth", "is in the future"))
        }
        for (index, hospitalNumber) in hospitalNumbers.enumerated() {
            if hospitalNumber.value.trimmed.isEmpty {
                problems.append(FieldProblem("hospitalNumbers[\(index)].value", "is empty"))
            }
            if hospitalNumber.issuingAuthority.trimmed.isEmpty {
                problems.append(
                    FieldProblem("hospitalNumbers[\(index)].issuingAuthority", "say which organisation issued it"))
            }
        }
        guard problems.isEmpty else {
            throw DomainError.problems(
                problems, fallback: .validationFailed, message: "The patient details are incomplete.")
        }
        if let number, let other = try await unit.patients.find(nhsNumber: number), other.id != patientID {
            throw DomainError(
                .duplicate, "Another patient (\(other.name.display)) already has NHS number \(number.formatted).",
                fields: [FieldProblem("nhsNumber", "already belongs to another patient", code: .duplicate)])
        }
        for hospitalNumber in hospitalNumbers {
            if let other = try await unit.patients.find(hospitalNumber: hospitalNumber), other.id != patientID {
                throw DomainError(
                    .duplicate,
                    "Another patient (\(other.name.display)) already has hospital number \(hospitalNumber.value) "
                        + "from \(hospitalNumber.issuingAuthority).",
                    fields: [FieldProblem("hospitalNumbers", "already belongs to another patient", code: .duplicate)])
            }
        }
        return number
    }
}
