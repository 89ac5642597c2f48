import Foundation

/// When the pregnancy enquiry applies (DOMAIN.md "Pregnancy enquiry").
struct PregnancyRules {
    let configuration: DepartmentConfiguration

    /// Individuals of childbearing potential within the configured ages, for exams whose primary beam
    /// is between diaphragm and knees, and for nuclear medicine. An unknown date of birth is asked.
    func enquiryRequired(for patient: Patient, _ entry: CatalogueEntry, on day: CalendarDate) -> Bool {
        guard entry.pregnancyRelevant || entry.modality == .NM else { return false }
        guard patient.mayBePregnant else { return false }
        guard let age = patient.age(on: day) else { return true }
        return configuration.pregnancyEnquiryAgeRange.contains(age)
    }

    var ageRangeText: String {
        "\(configuration.pregnancyEnquiryAgeRange.lowerBound) to \(configuration.pregnancyEnquiryAgeRange.upperBound)"
    }

    /// The 10-day rule: the exam is on one of the first `tenDayRuleDays` days counted from the first
    /// day of the last period (that day is day 0).
    func withinTenDays(lastPeriod: CalendarDate, today: CalendarDate) -> Bool {
        let elapsed = lastPeriod.days(until: today)
        return elapsed >= 0 && elapsed < configuration.tenDayRuleDays
    }
}
