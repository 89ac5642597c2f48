import Foundation
import LightboxDomain

/// The scaled demo's patients, day by day (``ScaledDemo``): who comes, for which exam, in which
/// room at what time, and how far the journey goes. A pure function of the department's service
/// hours and slot length, the scale and a fixed seed, so every load plans the same department.
struct ScaledDemoPlan: Sendable {
    static let seed: UInt64 = 0x4C49_4748_5442_4F58
    /// The scaled demo's NHS numbers start here (the demo's own day uses 1000 onwards).
    static let firstNHSCandidate = 200_000

    let configuration: DepartmentConfiguration
    let scale: DemoScale

    /// One patient's exam in the plan of a day.
    struct Visit: Sendable, Equatable {
        var number: Int
        var family: String
        var given: String
        var sex: AdministrativeSex
        var born: (year: Int, month: Int, day: Int)
        var examCode: String
        var laterality: Laterality?
        var referrer: String
        /// Index of the room among the scaled rooms of the exam's modality.
        var roomIndex: Int
        var slotMinute: Int
        var stop: DemoJourneys.Stop
        var ending: DemoJourneys.Ending?

        static func == (lhs: Visit, rhs: Visit) -> Bool {
            lhs.number == rhs.number && lhs.family == rhs.family && lhs.given == rhs.given && lhs.sex == rhs.sex
                && lhs.born == rhs.born && lhs.examCode == rhs.examCode && lhs.laterality == rhs.laterality
                && lhs.referrer == rhs.referrer && lhs.roomIndex == rhs.roomIndex && lhs.slotMinute == rhs.slotMinute
                && lhs.stop == rhs.stop && lhs.ending == rhs.ending
        }
    }

    static let plainFilmCodes = [
        "XCHEST", "XCHEST", "XWRIST", "XANKLE", "XKNEEJ", "XHANDB", "XSHOUL", "XFOOTB",
        "XCSPIN", "XELBOW",
    ]
    static let families = [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
        "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
        "Clarke", "Khan", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Lewis", "Ahmed", "Begum", "Nowak",
        "O'Brien", "Murphy", "Kaur", "Singh", "Ali", "Baker", "Harris", "Martin", "Cooper",
    ]
    static let femaleNames = [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Sophie", "Margaret", "Susan",
        "Fatima", "Aisha", "Joan", "Helen", "Ruth", "Priya", "Zofia",
    ]
    static let maleNames = [
        "Oliver", "George", "Noah", "Arthur", "Harry", "Leo", "Jack", "David", "John", "Peter",
        "Mohammed", "Imran", "Tomasz", "Raj", "Kwame", "Alan",
    ]
    static let streets = [
        "Mill Lane", "Church Road", "Station Road", "Park Row", "High Street", "Victoria Street",
        "Gloucester Road", "Bath Road",
    ]

    /// Slots a room offers in a day, within the department's service hours.
    var slotsPerRoom: Int {
        max(
            1,
            (configuration.serviceHours.upperBound - configuration.serviceHours.lowerBound) * 60
                / configuration.defaultSlotMinutes)
    }

    /// The patients of day `day` (0: today, 1: yesterday …), in order of their appointment time.
    func day(_ day: Int) -> [Visit] {
        let count = scale.patientsPerDay
        let isCTVisit = (0..<count).map { index in index % 10 == 9 }
        let ctCount = isCTVisit.filter { $0 }.count
        let roomsFor = (dx: roomsNeeded(count - ctCount), ct: roomsNeeded(ctCount))
        var dxSeen = 0
        var ctSeen = 0
        return (0..<count).map { index in
            let number = day * count + index
            var random = SeededGenerator(seed: Self.seed &+ UInt64(number) &* 0x9E37_79B9)
            let isCT = isCTVisit[index]
            let sex: AdministrativeSex = Bool.random(using: &random) ? .female : .male
            let given = (sex == .female ? Self.femaleNames : Self.maleNames).randomElement(using: &random) ?? "Sam"
            let family = Self.families.randomElement(using: &random) ?? "Smith"
            let born = (
                Int.random(in: 1932...2012, using: &random), Int.random(in: 1...12, using: &random),
                Int.random(in: 1...28, using: &random)
            )
            let examCode = isCT ? "CHEADN" : (Self.plainFilmCodes.randomElement(using: &random) ?? "XCHEST")
            let lateralityRequired = SampleCatalogue.entries.first { $0.code == examCode }?.lateralityRequired ?? false
            let laterality: Laterality? =
                lateralityRequired ? (Bool.random(using: &random) ? .left : .right) : nil
            let referrer = isCT ? "ed" : (["gp", "gp", "ortho", "ed"].randomElement(using: &random) ?? "gp")
            // Rooms fill side by side, so the appointment time follows the patient's place in the day.
            let position = isCT ? ctSeen : dxSeen
            let rooms = isCT ? roomsFor.ct : roomsFor.dx
            if isCT { ctSeen += 1 } else { dxSeen += 1 }
            let slotMinute =
                configuration.serviceHours.lowerBound * 60 + (position / rooms) * configuration.defaultSlotMinutes
            let (stop, ending) =
                day == 0
                ? Self.todaysOutcome(index: index, fractionOfDay: Double(index) / Double(count))
                : Self.pastOutcome(index: index)
            return Visit(
                number: number, family: family, given: given, sex: sex, born: born, examCode: examCode,
                laterality: laterality, referrer: referrer, roomIndex: position % rooms, slotMinute: slotMinute,
                stop: stop, ending: ending)
        }
    }

    func roomsNeeded(_ patients: Int) -> Int {
        max(1, (patients + slotsPerRoom - 1) / slotsPerRoom)
    }

    /// A past day: mostly verified reports, with a department's usual share of everything else
    /// (one patient in 25 each: a rejected request, one returned for information, a cancellation, a
    /// did-not-attend, an exam waiting for its report; two reported but not yet verified).
    static func pastOutcome(index: Int) -> (DemoJourneys.Stop, DemoJourneys.Ending?) {
        switch index % 25 {
        case 0: (.requested, .rejected)
        case 1: (.requested, .returned)
        case 2: (.booked, .cancelled)
        case 3: (.booked, .didNotAttend)
        case 4, 5: (.reported, nil)
        case 6: (.discharged, nil)
        default: (.reportVerified, nil)
        }
    }

    /// Today: new requests waiting to be vetted or booked whatever the hour (a few rejected or
    /// returned, one cancelled); the rest by the time of their appointment: the morning done, the
    /// middle of the day in the rooms (about one patient in progress a room), the rest booked.
    static func todaysOutcome(index: Int, fractionOfDay: Double) -> (DemoJourneys.Stop, DemoJourneys.Ending?) {
        switch index % 25 {
        case 0, 1: return (.requested, nil)
        case 2: return (.justified, nil)
        case 3: return (.requested, .rejected)
        case 4: return (.requested, .returned)
        case 5: return (.booked, .cancelled)
        case 6: return fractionOfDay < 0.3 ? (.booked, .didNotAttend) : (.booked, .rebooked)
        default: break
        }
        switch fractionOfDay {
        case ..<0.3: return ([.reportVerified, .reported, .discharged][index % 3], nil)
        case ..<0.4: return ([.imagesChecked, .completed][index % 2], nil)
        case ..<0.46: return ([.inProgress, .checked, .arrived][index % 3], nil)
        default: return (.booked, nil)
        }
    }

    static func nhsNumber(_ number: Int) -> String {
        var candidate = firstNHSCandidate + number * 7
        while true {
            let firstNine = "999" + String(format: "%06d", candidate)
            if let check = NHSNumber.checkDigit(of: firstNine.compactMap(\.wholeNumberValue)) {
                return firstNine + String(check)
            }
            candidate += 1
        }
    }
}
