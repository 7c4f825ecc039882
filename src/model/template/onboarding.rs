//! Customer onboarding: a mobile banking app, from download through
//! identity checks to the first salary and a weekly habit.

use super::{feel, kpis, list, metric, text, tp, Draft};
use crate::model::{Channel::*, JourneyMap, LaneKind};

pub fn onboarding(id: &str) -> JourneyMap {
    Draft::new(
        id,
        "Customer onboarding: banking app",
        "A new customer opens a current account in a mobile bank: sign-up, identity \
         verification, first value and the first month of use.",
    )
    .persona(
        "Lena, designer",
        "Freelance designer switching banks, 29, paid by 6 clients in 2 currencies",
        &[
            "Open an account in one evening without a branch visit",
            "See at a glance what she can spend after tax",
        ],
        &[
            "Her old bank charges €4.50 a month and 2% on currency",
            "Identity checks that fail without saying why",
        ],
    )
    .profile(
        &["29 years old", "Berlin, Germany", "Freelance since 2021"],
        &[MobileApp, Chat, Social],
        "If I can't open it on my sofa tonight, I'll stay where I am.",
    )
    .lane(LaneKind::Text, "Doing")
    .lane(LaneKind::Touchpoints, "Touchpoints")
    .lane(LaneKind::Text, "Thinking")
    .feeling("Feeling", 0)
    .lane(LaneKind::PainPoints, "Pain points")
    .lane(LaneKind::Opportunities, "Opportunities")
    .lane(LaneKind::Metrics, "KPIs")
    .lane(LaneKind::Quotes, "Quotes")
    .lane(LaneKind::Owners, "Owner")
    .stage("Sign-up")
    .step(
        "Downloads the app",
        vec![
            text("Sees a friend split a bill in the app; downloads it from the store"),
            tp(&[
                (WordOfMouth, "Friend at dinner"),
                (MobileApp, "App Store page, 4.7★"),
            ]),
            text("No monthly fee and free currency exchange? What's the catch?"),
            feel(1.0),
            list(&["Store page doesn't say which countries are supported"]),
            list(&["Referral link that pre-fills the invitation"]),
            metric("Store page conversion", 31.0, 35.0, "%"),
            text("\"My friend paid me back in two seconds. I wanted that.\""),
            list(&["Growth marketing"]),
        ],
    )
    .step(
        "Creates a profile",
        vec![
            text("Enters phone number, SMS code, email, address and tax residency"),
            tp(&[(MobileApp, "Sign-up flow"), (Other, "SMS one-time code")]),
            text("Why do they need my tax number already?"),
            feel(0.0),
            list(&[
                "11 screens before anything useful",
                "SMS code arrives after 90 seconds",
            ]),
            list(&[
                "Explain why each field is needed",
                "Address lookup by postcode",
            ]),
            kpis(&[
                ("Sign-up completion", 64.0, 75.0, "%"),
                ("Median sign-up time", 6.5, 4.0, " min"),
            ]),
            text("\"I nearly gave up at the tax question — it felt like a trap.\""),
            list(&["Onboarding squad"]),
        ],
    )
    .stage("Identity verification")
    .step(
        "ID scan and selfie",
        vec![
            text("Photographs her ID card and records a selfie video"),
            tp(&[(MobileApp, "ID scan and liveness check")]),
            text("The light in here is terrible. Will it accept this?"),
            feel(-1.0),
            list(&[
                "Glare on the ID card fails the scan twice",
                "No hint what went wrong",
            ]),
            list(&["Live guidance: 'tilt the card', 'more light'"]),
            metric("Automatic ID pass rate", 78.0, 90.0, "%"),
            text("\"Three tries and it just said 'try again'. Try what?\""),
            list(&["KYC squad", "Identity vendor"]),
        ],
    )
    .step(
        "Manual review wait",
        vec![
            text("Gets 'we're reviewing your documents'; checks the app five times that evening"),
            tp(&[
                (MobileApp, "Status screen"),
                (Email, "'We need a bit more time' email"),
                (Chat, "In-app chat"),
            ]),
            text("Have I done something wrong? Can I still get paid on Friday?"),
            feel(-2.0),
            list(&[
                "No expected waiting time",
                "Chat bot can't see the review status",
            ]),
            list(&[
                "Show the queue time ('usually under 4 hours')",
                "Push notification when done",
            ]),
            kpis(&[
                ("Manual reviews", 22.0, 10.0, "%"),
                ("Review turnaround", 19.0, 4.0, " h"),
            ]),
            text("\"Silence for a whole day is the worst thing a bank can do to me.\""),
            list(&["Compliance operations"]),
        ],
    )
    .stage("First value")
    .step(
        "Account opens",
        vec![
            text("Gets the approval push; adds the virtual card to Apple Pay; orders a metal card"),
            tp(&[
                (MobileApp, "Approval push and card screen"),
                (Store, "Pays for coffee with the phone"),
            ]),
            text("Oh, I can use it right now. Nice."),
            feel(2.0),
            list(&["Physical card delivery takes 7 working days"]),
            list(&["Highlight instant virtual card before approval"]),
            metric("Card added to wallet on day 1", 58.0, 70.0, "%"),
            text("\"Paying with it ten minutes after approval — that felt like magic.\""),
            list(&["Cards squad"]),
        ],
    )
    .step(
        "Moves her salary",
        vec![
            text("Sends her IBAN to six clients; uses the switching service for two direct debits"),
            tp(&[
                (MobileApp, "Account switching service"),
                (Email, "Template email to clients"),
            ]),
            text("Six invoices to update. Will every client get it right?"),
            feel(-1.0),
            list(&[
                "Switching service only covers debits, not incoming payments",
                "IBAN from another country confuses two clients",
            ]),
            list(&["Ready-made 'my bank details changed' message with a PDF letter"]),
            metric(
                "Customers with first incoming payment in 14 days",
                47.0,
                60.0,
                "%",
            ),
            text("\"One client's accountant refused a foreign IBAN. I had to phone him.\""),
            list(&["Payments squad"]),
        ],
    )
    .step(
        "First payment in",
        vec![
            text("Gets a push as €2,400 arrives; sets aside 30% in a tax pot"),
            tp(&[
                (MobileApp, "Incoming payment push"),
                (MobileApp, "Savings pots"),
            ]),
            text("Finally I can see what's actually mine."),
            feel(2.0),
            list(&["Tax pot percentage can't be automated yet"]),
            list(&["Auto-save a percentage of every incoming payment"]),
            metric("Pots created in first month", 1.4, 2.0, " per user"),
            text("\"The tax pot alone is worth switching for.\""),
            list(&["Savings squad"]),
        ],
    )
    .stage("Habit")
    .step(
        "Pays abroad",
        vec![
            text("Spends €380 in Copenhagen in DKK; checks the rate in the app"),
            tp(&[
                (Store, "Card payments abroad"),
                (MobileApp, "Spending notifications"),
            ]),
            text("Is the weekend markup going to bite me?"),
            feel(1.0),
            list(&["Weekend currency markup shown only in the fee page"]),
            list(&["Show the markup at the moment of payment"]),
            metric("Monthly active card users", 61.0, 70.0, "%"),
            text("\"No surprises on the statement this time.\""),
            list(&["Cards squad", "Pricing"]),
        ],
    )
    .step(
        "Monthly summary",
        vec![
            text("Reads the month's summary: income, tax set aside, top spending categories"),
            tp(&[(MobileApp, "Monthly insights"), (Email, "Summary email")]),
            text("This is better than my spreadsheet."),
            feel(1.0),
            list(&["Categories mislabel client payments as 'transfers'"]),
            list(&["Let freelancers tag income by client"]),
            kpis(&[
                ("30-day retention", 72.0, 80.0, "%"),
                ("NPS after 30 days", 46.0, 55.0, ""),
            ]),
            text("\"I closed my old account the same week.\""),
            list(&["Insights squad"]),
        ],
    )
    .step(
        "Invites a friend",
        vec![
            text("Shares a referral link in a freelancers' group; both get €20"),
            tp(&[
                (Social, "Freelancers' group"),
                (MobileApp, "Referral screen"),
            ]),
            text("Happy to recommend it — they made the switch easy in the end."),
            feel(2.0),
            list(&["Reward paid only after the friend's first card payment"]),
            list(&["Show the friend's progress to the reward"]),
            metric("Referral rate", 9.0, 12.0, "%"),
            text("\"Half of my freelancer group is on it now.\""),
            list(&["Growth marketing"]),
        ],
    )
    .done()
}
