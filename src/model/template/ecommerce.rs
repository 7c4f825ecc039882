//! E-commerce purchase: an online shopper from first ad to referral.

use super::{list, metric, text, tp};
use crate::model::{
    Cell, Channel, JourneyMap, Lane, LaneKind, MapState, Persona, Scale, Stage, Step,
    PERSONA_COLORS, STAGE_COLORS,
};
use std::collections::BTreeMap;

/// "E-commerce purchase": an online shopper from first ad to referral.
pub fn ecommerce(id: &str) -> JourneyMap {
    use Channel::*;
    let stages: [(&str, &[(&str, &str)]); 5] = [
        (
            "Awareness",
            &[
                ("t1", "Sees a social ad"),
                ("t2", "Searches for the product"),
            ],
        ),
        (
            "Consideration",
            &[
                ("t3", "Compares prices"),
                ("t4", "Reads reviews"),
                ("t5", "Adds to cart"),
            ],
        ),
        (
            "Purchase",
            &[
                ("t6", "Checks out"),
                ("t7", "Pays"),
                ("t8", "Gets confirmation"),
            ],
        ),
        (
            "Retention",
            &[
                ("t9", "Receives the delivery"),
                ("t10", "Gets a follow-up email"),
            ],
        ),
        (
            "Advocacy",
            &[
                ("t11", "Joins the loyalty programme"),
                ("t12", "Refers a friend"),
            ],
        ),
    ];
    let stages = stages
        .iter()
        .enumerate()
        .map(|(i, (name, steps))| Stage {
            id: format!("s{}", i + 1),
            name: name.to_string(),
            color: STAGE_COLORS[i].to_string(),
            steps: steps
                .iter()
                .map(|(id, name)| Step {
                    id: id.to_string(),
                    name: name.to_string(),
                })
                .collect(),
        })
        .collect();

    let doing: [(&str, Cell); 12] = [
        (
            "t1",
            text("Scrolls Instagram and stops at a video ad for running shoes"),
        ),
        (
            "t2",
            text("Googles the model name and opens the shop's product page"),
        ),
        (
            "t3",
            text("Checks two marketplaces and a price comparison site"),
        ),
        (
            "t4",
            text("Reads star ratings and filters reviews by \"wide feet\""),
        ),
        (
            "t5",
            text("Picks size and colour, adds to cart, looks for a discount code"),
        ),
        (
            "t6",
            text("Is asked to create an account, then fills in the address"),
        ),
        ("t7", text("Pays with a card; the bank asks for 3-D Secure")),
        (
            "t8",
            text("Reads the order confirmation and delivery estimate"),
        ),
        (
            "t9",
            text("Tracks the parcel, receives it two days later, tries the shoes on"),
        ),
        (
            "t10",
            text("Opens the follow-up email with care tips and a review request"),
        ),
        ("t11", text("Signs up for points on the next purchase")),
        (
            "t12",
            text("Shares a referral link with a running club friend"),
        ),
    ];
    let thinking: [(&str, Cell); 12] = [
        (
            "t1",
            text("Those look light. Are they any good for long runs?"),
        ),
        ("t2", text("Is this the official shop or a reseller?")),
        ("t3", text("Why is it 15 € cheaper elsewhere?")),
        ("t4", text("Do they run small? Will they fit me?")),
        ("t5", text("Shipping cost only shows up at the end?")),
        ("t6", text("I just want to buy shoes, not make an account.")),
        ("t7", text("Did the payment go through?")),
        ("t8", text("Good, it arrives before the weekend.")),
        ("t9", text("Fits well, and the box was easy to open.")),
        ("t10", text("Nice tips. Reviewing takes too long though.")),
        ("t11", text("Points are worth it if I buy twice a year.")),
        ("t12", text("We both get 10 € off — easy win.")),
    ];
    let feeling: [(&str, f64); 12] = [
        ("t1", 1.0),
        ("t2", 0.0),
        ("t3", -1.0),
        ("t4", 1.0),
        ("t5", 0.0),
        ("t6", -2.0),
        ("t7", -1.0),
        ("t8", 1.0),
        ("t9", 2.0),
        ("t10", 1.0),
        ("t11", 1.0),
        ("t12", 2.0),
    ];
    let touchpoints: [(&str, Cell); 12] = [
        (
            "t1",
            tp(&[(Social, "Instagram video ad"), (Ads, "Retargeting banner")]),
        ),
        ("t2", tp(&[(Web, "Search result and product page")])),
        ("t3", tp(&[(Web, "Price comparison site")])),
        (
            "t4",
            tp(&[(Web, "Review section"), (WordOfMouth, "Asks a colleague")]),
        ),
        ("t5", tp(&[(MobileApp, "Cart")])),
        ("t6", tp(&[(MobileApp, "Checkout form")])),
        (
            "t7",
            tp(&[(MobileApp, "Payment page"), (Phone, "Bank app approval")]),
        ),
        ("t8", tp(&[(Email, "Order confirmation")])),
        (
            "t9",
            tp(&[(Email, "Tracking updates"), (Other, "Courier at the door")]),
        ),
        ("t10", tp(&[(Email, "Follow-up with care tips")])),
        (
            "t11",
            tp(&[(Web, "Loyalty page"), (Store, "Points usable in stores")]),
        ),
        (
            "t12",
            tp(&[
                (Chat, "WhatsApp referral link"),
                (WordOfMouth, "Running club"),
            ]),
        ),
    ];
    let pains: [(&str, Cell); 10] = [
        ("t1", list(&["Ad shows a colour that is sold out"])),
        ("t2", list(&["Resellers outrank the official shop"])),
        ("t8", list(&["Delivery estimate is a 5-day window"])),
        ("t9", list(&["Courier leaves no safe-place option"])),
        ("t3", list(&["Prices differ between channels"])),
        ("t4", list(&["No size guide next to the reviews"])),
        ("t5", list(&["Shipping cost hidden until checkout"])),
        (
            "t6",
            list(&["Forced account creation", "Address form resets on error"]),
        ),
        ("t7", list(&["3-D Secure redirect times out on mobile"])),
        ("t10", list(&["Review form is seven screens long"])),
    ];
    let opportunities: [(&str, Cell); 10] = [
        (
            "t2",
            list(&["Brand search ads pointing to the official shop"]),
        ),
        ("t7", list(&["Wallet payments that skip the bank redirect"])),
        (
            "t9",
            list(&["Choose a safe place or a pick-up point in tracking"]),
        ),
        (
            "t1",
            list(&["Link the ad straight to the product with size picker"]),
        ),
        ("t3", list(&["Price-match promise on the product page"])),
        ("t4", list(&["Fit summary from reviews (\"runs small\")"])),
        ("t5", list(&["Show delivery cost in the cart"])),
        ("t6", list(&["Guest checkout", "Address autocomplete"])),
        ("t10", list(&["One-tap star rating in the email"])),
        (
            "t12",
            list(&["Show referral rewards in the order confirmation"]),
        ),
    ];
    let metrics: [(&str, Cell); 10] = [
        (
            "t2",
            metric("Organic share of product traffic", 34.0, 45.0, "%"),
        ),
        ("t3", metric("Price-check exits", 22.0, 15.0, "%")),
        (
            "t8",
            metric("Confirmation email open rate", 81.0, 85.0, "%"),
        ),
        ("t9", metric("On-time delivery", 93.0, 97.0, "%")),
        ("t1", metric("Click-through rate", 1.2, 1.5, "%")),
        ("t5", metric("Add-to-cart rate", 8.5, 10.0, "%")),
        ("t6", metric("Checkout abandonment", 68.0, 55.0, "%")),
        ("t7", metric("Conversion rate", 2.1, 3.0, "%")),
        ("t10", metric("CSAT", 4.2, 4.5, "/5")),
        ("t12", metric("NPS", 38.0, 50.0, "")),
    ];
    let quotes: [(&str, Cell); 10] = [
        (
            "t1",
            text("\"The ad looked good, but I never buy from the first ad.\""),
        ),
        (
            "t2",
            text("\"Three shops sell the same shoe. Which one is real?\""),
        ),
        (
            "t4",
            text("\"One review said 'half a size up' and that saved me.\""),
        ),
        ("t5", text("\"I always look for a code before I pay.\"")),
        (
            "t7",
            text("\"The bank app popped up and the page froze. I panicked.\""),
        ),
        ("t10", text("\"I'd review them if it took ten seconds.\"")),
        (
            "t3",
            text("\"I always check if it's cheaper on the marketplace first.\""),
        ),
        (
            "t6",
            text("\"Why do I need a password to buy one pair of shoes?\""),
        ),
        ("t9", text("\"Came a day early — that never happens.\"")),
        ("t12", text("\"My friend got a discount too, so why not.\"")),
    ];
    let owners: [(&str, Cell); 12] = [
        ("t1", list(&["Performance marketing"])),
        ("t2", list(&["SEO team"])),
        ("t3", list(&["Pricing"])),
        ("t4", list(&["Content team"])),
        ("t5", list(&["Web product team"])),
        ("t6", list(&["Checkout squad"])),
        ("t7", list(&["Checkout squad", "Payments provider"])),
        ("t8", list(&["CRM"])),
        ("t9", list(&["Logistics"])),
        ("t10", list(&["CRM"])),
        ("t11", list(&["Loyalty team"])),
        ("t12", list(&["Growth team"])),
    ];

    fn lane(id: &str, kind: LaneKind, title: &str, cells: Vec<(&str, Cell)>) -> Lane {
        Lane {
            id: id.into(),
            kind,
            title: title.into(),
            persona: None,
            color: String::new(),
            cells: cells
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    let mut feeling_lane = lane(
        "l4",
        LaneKind::Emotion,
        "Feeling",
        feeling
            .iter()
            .map(|(k, v)| (*k, Cell::Emotion(*v)))
            .collect(),
    );
    feeling_lane.persona = Some("p1".into());

    JourneyMap {
        id: id.to_string(),
        title: "E-commerce purchase".into(),
        description:
            "An online shopper buys running shoes, from the first ad to referring a friend.".into(),
        state: MapState::Current,
        scale: Scale::default(),
        personas: vec![Persona {
            id: "p1".into(),
            name: "Sam, online shopper".into(),
            role: "Recreational runner, 34".into(),
            goals: vec!["Find shoes that fit without a store visit".into()],
            pains: vec!["Returns are a hassle".into()],
            color: PERSONA_COLORS[0].into(),
            avatar: String::new(),
            demographics: vec![
                "34 years old".into(),
                "Manchester, UK".into(),
                "Runs three times a week".into(),
            ],
            channels: vec![Channel::MobileApp, Channel::Social, Channel::Email],
            quote: "If the size is wrong I won't send them back. I just won't buy there again."
                .into(),
        }],
        stages,
        twin: None,
        lanes: vec![
            lane("l1", LaneKind::Text, "Doing", doing.to_vec()),
            lane(
                "l2",
                LaneKind::Touchpoints,
                "Touchpoints",
                touchpoints.to_vec(),
            ),
            lane("l3", LaneKind::Text, "Thinking", thinking.to_vec()),
            feeling_lane,
            lane("l5", LaneKind::PainPoints, "Pain points", pains.to_vec()),
            lane(
                "l6",
                LaneKind::Opportunities,
                "Opportunities",
                opportunities.to_vec(),
            ),
            lane("l7", LaneKind::Metrics, "KPIs", metrics.to_vec()),
            lane("l8", LaneKind::Quotes, "Quotes", quotes.to_vec()),
            lane("l9", LaneKind::Owners, "Owner", owners.to_vec()),
        ],
        updated: 0.0,
    }
}
