/// How big a scaled demo is (`lightbox serve --demo-days D --demo-patients-per-day N`): D days of N
/// patients each, today and the D - 1 days before it. Bounded so that a typing slip cannot start a
/// load of hours.
public struct DemoScale: Sendable, Equatable {
    public static let maximumDays = 60
    public static let maximumPatientsPerDay = 5_000
    public static let maximumPatients = 100_000

    public let days: Int
    public let patientsPerDay: Int

    /// A scale with every problem named (days and patients a day in range, and not too many in all).
    public init(days: Int, patientsPerDay: Int) throws(ConfigurationLoader.ConfigurationError) {
        guard (1...Self.maximumDays).contains(days) else {
            throw ConfigurationLoader.ConfigurationError(
                source: "value", key: "demoDays", problem: "must be 1 to \(Self.maximumDays)")
        }
        guard (1...Self.maximumPatientsPerDay).contains(patientsPerDay) else {
            throw ConfigurationLoader.ConfigurationError(
                source: "value", key: "demoPatientsPerDay", problem: "must be 1 to \(Self.maximumPatientsPerDay)")
        }
        guard days * patientsPerDay <= Self.maximumPatients else {
            throw ConfigurationLoader.ConfigurationError(
                source: "value", key: "demoPatientsPerDay",
                problem:
                    "\(days) days of \(patientsPerDay) patients is over the demo's \(Self.maximumPatients) patients")
        }
        self.days = days
        self.patientsPerDay = patientsPerDay
    }

    /// Patients in all.
    public var patients: Int { days * patientsPerDay }
}
