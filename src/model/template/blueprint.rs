//! Service blueprint: a hotel stay, with the customer's actions above the
//! line of interaction and the staff's frontstage and backstage actions and
//! the support processes below it.

use super::{feel, kpis, list, metric, text, tp, Draft};
use crate::model::{Channel::*, JourneyMap, LaneKind};

pub fn blueprint(id: &str) -> JourneyMap {
    Draft::new(
        id,
        "Service blueprint: hotel stay",
        "A business traveller's two-night stay at a 120-room city hotel, with what staff do \
         in front of the guest, behind the scenes, and the systems that carry it.",
    )
    .persona(
        "Tom, traveller",
        "Sales manager, 40 nights a year in hotels",
        &[
            "Sleep well before a client meeting",
            "Expense the stay without chasing receipts",
        ],
        &[
            "Queues at check-in after a late flight",
            "Invoices with the wrong company name",
        ],
    )
    .profile(
        &[
            "45 years old",
            "Lyon, France",
            "Gold member of two hotel chains",
        ],
        &[MobileApp, Email, Phone],
        "After a late flight I want a key and a bed, not a form.",
    )
    .lane(LaneKind::Touchpoints, "Touchpoints")
    .feeling("Feeling", 0)
    .lane(LaneKind::Evidence, "Physical evidence")
    .lane(LaneKind::Text, "Customer actions")
    .lane(LaneKind::Frontstage, "Frontstage actions")
    .lane(LaneKind::Backstage, "Backstage actions")
    .lane(LaneKind::Support, "Support processes")
    .lane(LaneKind::PainPoints, "Fail points")
    .lane(LaneKind::Opportunities, "Opportunities")
    .lane(LaneKind::Metrics, "KPIs")
    .lane(LaneKind::Quotes, "Quotes")
    .lane(LaneKind::Owners, "Owner")
    .stage("Booking")
    .step(
        "Books a room",
        vec![
            tp(&[(Web, "Hotel website"), (Email, "Booking confirmation")]),
            feel(1.0),
            list(&[
                "Booking page with corporate rate",
                "Confirmation email with PDF",
            ]),
            text("Picks dates, enters the company code, pays a deposit"),
            list(&["Reservations agent answers a chat question about parking"]),
            list(&[
                "Revenue manager sets the corporate rate",
                "Reservations team checks special requests",
            ]),
            list(&["Booking engine", "Channel manager", "Payment gateway"]),
            list(&["Company code field hidden under 'more options'"]),
            list(&["Remember the company profile for repeat guests"]),
            metric("Direct booking share", 38.0, 50.0, "%"),
            text("\"I found the corporate rate only because a colleague told me where to look.\""),
            list(&["E-commerce manager"]),
        ],
    )
    .step(
        "Pre-arrival email",
        vec![
            tp(&[
                (Email, "Pre-arrival email"),
                (MobileApp, "SMS with check-in link"),
            ]),
            feel(1.0),
            list(&["Pre-arrival email with online check-in link"]),
            text("Adds arrival time (23:30) and asks for a quiet room"),
            list(&["Guest relations confirms the quiet room by email"]),
            list(&["Front office reads requests at the 15:00 briefing"]),
            list(&["CRM journey", "Property management system (PMS)"]),
            list(&["Request field is free text nobody has to read"]),
            list(&["Turn requests into room-assignment rules"]),
            metric("Online check-in uptake", 22.0, 40.0, "%"),
            text("\"Nice that they asked. I'll see if they listened.\""),
            list(&["Guest relations"]),
        ],
    )
    .stage("Arrival")
    .step(
        "Checks in at 23:30",
        vec![
            tp(&[(Store, "Front desk"), (Other, "Lobby")]),
            feel(-2.0),
            list(&["Lobby, queue of a coach group", "Registration card to sign"]),
            text("Waits 15 minutes, shows ID, signs the card"),
            list(&["Night receptionist checks ID and takes a card pre-authorisation"]),
            list(&["Night manager reassigns rooms after an overbooking"]),
            list(&["PMS", "Card terminal", "Overbooking report"]),
            list(&[
                "One receptionist after 22:00",
                "Online check-in data not used at the desk",
            ]),
            list(&[
                "Express desk for guests checked in online",
                "Digital key to the phone",
            ]),
            kpis(&[
                ("Check-in wait", 15.0, 3.0, " min"),
                ("Overbooked nights", 4.0, 1.0, "%"),
            ]),
            text("\"I did online check-in and still queued behind a coach party at midnight.\""),
            list(&["Front office manager"]),
        ],
    )
    .step(
        "Goes to the room",
        vec![
            tp(&[(Other, "Room"), (Other, "Lift and signage")]),
            feel(1.0),
            list(&[
                "Key card",
                "Quiet room on the 6th floor",
                "Welcome note and water",
            ]),
            text("Finds the room, unpacks, connects to Wi-Fi"),
            list(&["Receptionist explains breakfast hours and Wi-Fi"]),
            list(&["Housekeeping inspected the room at 16:00"]),
            list(&["Housekeeping app", "Wi-Fi portal"]),
            list(&["Wi-Fi asks for the room number and surname every day"]),
            list(&["Wi-Fi that remembers the device for the stay"]),
            metric("Rooms ready at 15:00", 91.0, 98.0, "%"),
            text("\"They gave me the quiet room I asked for. Small thing, big difference.\""),
            list(&["Housekeeping manager", "IT"]),
        ],
    )
    .stage("Stay")
    .step(
        "Has breakfast",
        vec![
            tp(&[(Store, "Restaurant"), (Other, "Breakfast buffet")]),
            feel(0.0),
            list(&["Buffet", "Table number card", "Coffee machine queue"]),
            text("Gives room number, eats quickly before a 9:00 meeting"),
            list(&["Host checks the room number and seats the guest"]),
            list(&["Kitchen restocks the buffet from the forecast covers"]),
            list(&["Covers forecast from the PMS", "Food suppliers"]),
            list(&["One coffee machine for 80 covers at 7:30"]),
            list(&["Grab-and-go breakfast bag for early meetings"]),
            metric("Breakfast satisfaction", 3.9, 4.3, "/5"),
            text("\"Ten minutes for a coffee when you're in a hurry feels like forever.\""),
            list(&["F&B manager"]),
        ],
    )
    .step(
        "Reports broken A/C",
        vec![
            tp(&[
                (Phone, "Call to reception"),
                (Chat, "Hotel messaging on WhatsApp"),
            ]),
            feel(-1.0),
            list(&["Room too warm (26 °C)", "Engineer's visit card"]),
            text("Calls reception at 22:00; is offered a fan, then a room move"),
            list(&["Receptionist apologises and offers a fan or a new room"]),
            list(&[
                "Engineer logs the fault and resets the unit",
                "Duty manager adds a goodwill credit",
            ]),
            list(&["Maintenance ticketing", "Building management system"]),
            list(&["Fault known since last guest, not fixed"]),
            list(&["Block rooms with open faults from assignment"]),
            metric("Maintenance tickets fixed same day", 76.0, 90.0, "%"),
            text("\"They sorted it in 20 minutes and sent up a drink. Fair enough.\""),
            list(&["Chief engineer"]),
        ],
    )
    .stage("Departure")
    .step(
        "Checks out",
        vec![
            tp(&[(Store, "Front desk"), (Email, "Invoice email")]),
            feel(-1.0),
            list(&["Printed folio", "Invoice PDF"]),
            text("Asks for the invoice in the company's name; waits for a correction"),
            list(&["Receptionist reprints the folio with the company details"]),
            list(&["Night audit posted charges to the wrong profile"]),
            list(&["PMS", "Accounting system"]),
            list(&["Company details not copied from the booking"]),
            list(&["Express checkout with invoice to the booker's email"]),
            metric("Invoices corrected after checkout", 9.0, 2.0, "%"),
            text("\"I gave the company details when I booked. Why isn't it on the invoice?\""),
            list(&["Finance", "Front office manager"]),
        ],
    )
    .step(
        "Leaves for airport",
        vec![
            tp(&[(Store, "Concierge desk"), (MobileApp, "Taxi app")]),
            feel(1.0),
            list(&["Luggage tag", "Taxi waiting at the door"]),
            text("Stores luggage after the meeting, picks it up, takes a taxi"),
            list(&["Concierge stores the bag and books the taxi"]),
            list(&["Bell desk logs the luggage"]),
            list(&["Luggage log", "Taxi partner"]),
            list(&["Paper luggage tags get lost"]),
            list(&["Luggage tag linked to the guest profile by QR"]),
            metric("Concierge requests fulfilled", 97.0, 98.0, "%"),
            text("\"The taxi was already there. That's how it should work.\""),
            list(&["Concierge"]),
        ],
    )
    .stage("After the stay")
    .step(
        "Answers the survey",
        vec![
            tp(&[(Email, "Guest survey"), (Web, "Review site")]),
            feel(0.0),
            list(&["Survey email", "Manager's reply to the review"]),
            text("Rates the stay 8/10, mentions check-in and the air conditioning"),
            list(&["Manager replies publicly to the review"]),
            list(&[
                "Guest relations replies within 48 h",
                "Fault trend shared at the weekly meeting",
            ]),
            list(&["Survey platform", "Reputation management tool"]),
            list(&["Survey has 25 questions"]),
            list(&["Three-question survey with a free-text box"]),
            kpis(&[
                ("Survey response rate", 11.0, 25.0, "%"),
                ("NPS", 32.0, 45.0, ""),
            ]),
            text("\"I'd come back. Just fix the late check-in.\""),
            list(&["Guest relations"]),
        ],
    )
    .step(
        "Books again",
        vec![
            tp(&[(Email, "Returning-guest offer"), (Web, "Booking page")]),
            feel(2.0),
            list(&[
                "Email with his saved preferences",
                "'Welcome back' on the booking page",
            ]),
            text("Rebooks for March with the company code and 'quiet room' pre-filled"),
            list(&["Reservations agent adds a late-arrival note by hand"]),
            list(&["Revenue manager moves Tom to the frequent-guest rate"]),
            list(&["CRM guest profile", "Booking engine"]),
            list(&["Late arrival not stored as a preference"]),
            list(&["Offer express check-in to guests who arrived late before"]),
            metric("Repeat-guest share", 27.0, 35.0, "%"),
            text("\"They remembered the quiet room. That's why I came back.\""),
            list(&["CRM manager"]),
        ],
    )
    .done()
}
