import Foundation
import LightboxDomain

/// The rota on the equipment page (issue 17): who covers each room today and on each day of the week from today,
/// session by session with its clock times, so the clinical scientist and the manager see who is in the room when a
/// test is due or a fault is reported.
extension EquipmentPageModel {
    /// Adds each room's cover from `assignments` (the rota of the seven days from `today`).
    mutating func showRota(_ assignments: [RotaAssignment], today: CalendarDate, configuration: DepartmentConfiguration)
    {
        showsRota = true
        let format = PageFormat(configuration.timeZone)
        for index in rooms.indices {
            let roomID = rooms[index].id
            let mine = assignments.filter { $0.roomID.uuidString == roomID }
            let todays = mine.filter { $0.day == today }
            rooms[index].rotaToday =
                todays.isEmpty ? "Nobody on the rota today" : RoomWorklistPageModel.coverText(todays)
            rooms[index].rotaWeek = (1..<7).map { offset in
                let day = today.adding(days: offset)
                let cover = mine.filter { $0.day == day }
                return format.date(day) + ": " + (cover.isEmpty ? "nobody" : RoomWorklistPageModel.coverText(cover))
            }
        }
    }
}
