"""Every patient-facing sentence of the handout, in English and Spanish.

Plain data so a clinician or translator can review it without reading code.
Written for a reading age of about 11-12 (grade 6): short sentences, each
medical word explained where it first appears. Spanish is one neutral Latin
American register, `usted`, with the form's own words (docs/spanish-glossary.md).
Keys match screening/handout/sections.py (steps, filters, medicines,
patterns, warning items) and the template (labels).

Only two things are filled in from the clinic's configuration, and every
sentence reads whole without them: `{emergency}` (the number, else "your
local emergency number") and `{at_phone}` (" at 555-0142", else nothing:
"Call the clinic to book a visit").

A step's text must never suggest something a safety filter can remove unless
that step carries the filter's tag: the filters work on steps, not on words.
"""

# Bump when any patient-facing sentence changes: printed in every page's footer.
TEXT_VERSION = "2026.12-1"

_STRETCH_END = "Hold for 20 to 30 seconds. Do it 3 times on each leg, twice a day. Never stretch until it hurts."
# Exercise soreness and strain only (contract section 3): never for restless legs or cramps.
_STRETCH_END_SORE = ("Hold for 20 to 30 seconds. Do it 3 times on each leg, twice a day, once the worst pain has "
                     "passed. Never stretch until it hurts.")
_CALF = ("Stand facing a wall, hands on the wall. Step one foot back. Keep that knee straight and that heel on "
         "the floor. Bend your front knee until you feel a gentle pull in the back calf. ")
_HAMSTRING = ("Put one heel on a low step, leg straight. With a straight back, lean forward from your hips until "
              "you feel a gentle pull at the back of your thigh. ")
_QUAD = ("Hold a wall or chair. Bend one knee and hold that foot behind you. Gently bring your heel towards "
         "your bottom until you feel a pull at the front of your thigh. Keep your knees together. ")
_ASK_FIRST = "Ask a nurse or doctor first if you have diabetes, numb feet, poor circulation or heart failure."

EN = {
    "title": "Your leg pain: what to do next",
    "for": "For",
    "date": "Date",
    "phone": "Phone",
    "reference": "Your case number",
    "trace": "Handout text {text} · Rules {rules}",
    "emergency_number_default": "your local emergency number",
    "at_phone": " at {phone}",
    "months": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "date_format": "{day} {month} {year}",
    "disposition": {
        "emergency": "You need emergency care now",
        "urgent": "A nurse or doctor needs to see you today",
        "routine": "Please book a visit in the next few days",
        "self-care": "You can care for your leg at home",
    },
    "disposition_tag": {
        "emergency": "EMERGENCY",
        "urgent": "TODAY",
        "routine": "BOOK A VISIT",
        "self-care": "HOME CARE",
    },
    "now_heading": "What to do right now",
    "now": {
        "emergency": (
            "Stay where you are and tell the staff now.",
            "If you are not at the clinic, call {emergency} now.",
            "Do not drive yourself.",
        ),
        "urgent": (
            "Show this paper to the front desk now.",
            "You will be seen today.",
            "Please do not go home before you have been seen.",
        ),
        # A patient who may not manage four steps is not sent to the desk
        # (the result page tells them to stay where they are too).
        "urgent_seated": (
            "Stay where you are. Ask a staff member to come to you, and show them this paper.",
            "You will be seen today.",
            "Please do not go home before you have been seen.",
        ),
        "routine": ("Call the clinic{at_phone} to book a visit in the next few days.",),
    },
    "meanwhile": "Until then, the steps below can help.",
    "reasons_heading": "Why we say this",
    # After a clinician changed the level (contract section 5), in place of the rules' reasons left out.
    "checked": "A nurse or doctor has checked your answers.",
    "warning_heading": "Warning signs: when to get help",
    "while_waiting": "If anything gets worse while you wait, tell a staff member at once.",
    "warning_group_headings": {
        "emergency": "Call {emergency} now if you have:",
        "today": "Come back or call the clinic{at_phone} today if you have:",
        "soon": "Call the clinic{at_phone} to book a visit if:",
    },
    "warning_items": {
        "chest": "Chest pain, or trouble breathing.",
        "cough_blood": "Coughing up blood.",
        "chest_only": "Chest pain.",
        "breathing_only": "Trouble breathing.",
        "faint": "You faint, or nearly faint.",
        "cold_leg": "A leg or foot that is cold, pale or blue.",
        "bladder": (
            "New trouble passing urine, or you cannot control your bladder or bowels, "
            "or numbness around your private parts or bottom."
        ),
        "sudden_weakness": "Sudden weakness or numbness in your leg.",
        "sudden_weakness_only": "Sudden weakness in your leg.",
        "sudden_numbness_only": "Sudden numbness in your leg.",
        "fever_hot_joint": "A fever with a hot, painful joint, or with a red and very painful area.",
        "heat_illness": (
            "You feel confused, your skin is hot and has stopped sweating, or you have a fit (seizure). "
            "Or you still feel unwell after 30 minutes of rest somewhere cool."
        ),
        "muscle_pressure": (
            "Pain that keeps getting worse and is much worse than you would expect, with a tight, hard, swollen "
            "muscle, or pain when you move your toes or foot. Pressure may be building up inside the muscle."
        ),
        "dark_urine_now": "Very dark urine, brown or like cola, after exercise.",
        "sciatica_both_legs": "Pain, numbness or weakness running down both legs (sciatica in both legs).",
        "bleeding_vein": "A vein that bleeds and does not stop when you press on it and raise your leg.",
        "chest_pain_walking": "Chest pain, or you get short of breath, while you walk.",
        "pregnancy": "A bad headache, blurred vision or flashing lights, or sudden swelling of your face or hands.",
        "one_leg_swollen": (
            "The whole calf or leg swollen on one side only: it can be a blood clot. "
            "(Swelling just around a twisted or knocked joint does not count.)"
        ),
        "red_spreading": "Red, warm skin that spreads. (A bruise after a knock does not count.)",
        "fever": "A fever or chills.",
        "numb": "Numbness or tingling, like pins and needles.",
        "four_steps": "You cannot take 4 steps on your leg.",
        "dark_urine": "Very dark urine, brown or like cola.",
        "bad_pain": (
            "Very bad pain, or pain that suddenly gets much worse. "
            "(A cramp that passes in minutes does not count.)"
        ),
        "stress_fracture": (
            "Pain at one spot on the bone, or pain at rest or at night. "
            "This can be a small crack in the bone (a stress fracture)."
        ),
        "pain_at_rest": "Pain in your leg or foot at rest or at night, a sore that does not heal, or a toe that turns dark.",
        "rest_pain_only": "Pain in your leg or foot at rest or at night.",
        "hot_joint": "A hot, swollen joint, even without a fever.",
        "torn_tendon": (
            "A sudden sharp pain or a snap at the back of your heel or calf, or you cannot stand on tiptoe. "
            "The cord at the back of your ankle (a tendon) may be torn."
        ),
        "fever_flare_joint": "A fever or shivers with your hot, painful joint, or with a red area that gets very painful.",
        "flare_changes": (
            "You feel unwell, the redness spreads beyond the joint, or this flare is not like your usual ones "
            "or is in a different joint."
        ),
        "growing_pains_changes": (
            "A limp, or pain in one leg only. Pain that is still there in the morning or during the day. "
            "A swollen, red or hot area, or a fever. Your child seems unwell, very tired, or is losing weight."
        ),
        "numb_feet_changes": (
            "A sore, blister or cut on your foot that does not heal, or a toe turning dark. A foot that becomes "
            "hot, swollen or changes shape. New weakness, or trouble walking."
        ),
        "swelling_changes": "Your leg gets more swollen, red, hot or painful.",
        "hard_vein": "A vein that is hard, red and painful.",
        "child_limp": "A limp, or pain that wakes you up at night.",
        "no_urine": "You are being sick (vomiting), or you have not passed urine for 8 hours.",
        "getting_worse": "The pain is getting worse.",
        "not_better_3_days": "The pain is not starting to get better after 3 days.",
        "not_better_2_weeks": "The pain has not started to get better in 2 weeks.",
        "not_better_overuse": (
            "The pain is not starting to get better after 2 weeks of lighter training, or it is not gone in 6 weeks."
        ),
        "not_better_overuse_standing": (
            "The pain is not starting to get better after 2 weeks of less time on your feet, "
            "or it is not gone in 6 weeks."
        ),
        "known_not_settling": "It feels different from before, or it is not settling in the time it usually takes.",
        "cramps_midwife": (
            "Cramps wake you most nights. If they do not, tell your midwife about them at your next check-up."
        ),
        "stress_fracture_visit": (
            "Pain at one spot on the bone, or pain at rest or at night. This can be a small crack in the bone "
            "(a stress fracture). Stop running and jumping until you have been seen."
        ),
        "longer_than_expected": "The pain lasts longer than the time under What to expect.",
        "cramps_keep_coming": "Your cramps keep coming back.",
    },
    "avoid_heading": "Please do not do these for now",
    "avoid": {
        "clot_risk": (
            "No massage, foam rolling or rubbing of your legs. No heat on your legs, like hot baths or heating pads. "
            "No tight socks or bandages. You have a higher chance of a blood clot, and these could make a clot worse. "
            "Stockings that a doctor or nurse gave you are the exception: keep wearing them as you were told."
        ),
        "fresh_injury": (
            "No heat and no stretching for the first 3 days after the injury. "
            "They can make swelling and bleeding in the muscle worse."
        ),
        "poor_blood_flow": (
            "No ice or cold packs, no heat, no tight socks or bandages, and do not raise your leg up. "
            "Your leg may not get enough blood, and these could harm it."
        ),
        "under_16": (
            "No anti-inflammatory gels (gels that calm swelling) and no Epsom salts, unless a doctor says so. "
            "They are not made for people under 16."
        ),
        "pregnancy": (
            "No anti-inflammatory gels (gels that calm swelling) while you are pregnant or in the weeks after "
            "giving birth, unless your doctor says so. They may not be safe for your baby. "
            "To raise your leg, lie on your side, not flat on your back."
        ),
        "hot_weather": (
            "No warm or hot baths for now, and no hot packs or heating pads on your legs. Cool down first: "
            "heat makes you lose more fluid and can make you ill."
        ),
        "stress_fracture": (
            "No running or jumping for now. Your pain could be a small crack in the bone (a stress fracture), "
            "and running or jumping on it can make it worse. A nurse or doctor can tell you when to start again."
        ),
    },
    "relief_heading": "Things that can help",
    "steps": {
        "rice": (
            "R.I.C.E. for the first 3 days",
            "R.I.C.E. stands for Rest, Ice, Compression (gentle pressure) and Elevation (raising your leg). "
            "The steps below explain each one.",
        ),
        "rice_without_compression": (
            "Rest, ice and raise your leg for the first 3 days",
            "The steps below explain each one. They help the swelling go down.",
        ),
        "rest": ("Rest", "Rest your leg for a day or two, and avoid hard exercise. Short, easy walks are fine."),
        "ice": (
            "Ice",
            "Wrap an ice pack or a bag of frozen vegetables in a cloth. Never put ice right on your skin. "
            "Hold it on the sore spot for up to 20 minutes at a time, every 2 to 3 hours.",
        ),
        "compression_bandage": (
            "Compression",
            "Wrap a stretchy bandage around the sore area, snug but not tight. This gentle pressure helps stop "
            "swelling. Take it off to sleep, and at once if your toes tingle or turn pale or blue. " + _ASK_FIRST,
        ),
        "elevation": (
            "Raise your leg",
            "Lie down and rest your leg on pillows, higher than your heart, for 15 to 20 minutes, "
            "a few times a day. It helps swelling go down.",
        ),
        "elevation_on_side": (
            "Raise your leg",
            "Lie on your side, not flat on your back, and rest your leg on pillows for 15 to 20 minutes, "
            "a few times a day. It helps swelling go down.",
        ),
        "first_days_avoid": (
            "For the first 3 days",
            "Do not use heat, drink alcohol, run or have a massage. They can make swelling and bleeding worse.",
        ),
        "calf_stretch": ("Calf stretch", _CALF + _STRETCH_END),
        "calf_stretch_sore": ("Calf stretch", _CALF + _STRETCH_END_SORE),
        "foot_stretch": (
            "Sole of the foot stretch",
            "Sit down and put the sore foot across your other knee. Hold your toes and gently pull them back "
            "towards your shin until you feel a pull under your foot and heel. " + _STRETCH_END,
        ),
        "hamstring_stretch": ("Back of the thigh stretch", _HAMSTRING + _STRETCH_END),
        "hamstring_stretch_sore": ("Back of the thigh stretch", _HAMSTRING + _STRETCH_END_SORE),
        "quad_stretch": ("Front of the thigh stretch", _QUAD + _STRETCH_END),
        "quad_stretch_sore": ("Front of the thigh stretch", _QUAD + _STRETCH_END_SORE),
        "return_plan": (
            "Get back to normal step by step",
            "Use your leg a little more each day. Let pain be your guide: a mild ache is fine, but stop if the "
            "pain gets sharp or much worse. Build up to sport slowly, over weeks.",
        ),
        "relative_rest": (
            "Rest from what hurts",
            "Do less of the sport or activity that hurts. Keep fit with one that does not hurt, like cycling "
            "or swimming.",
        ),
        "impact_rest": (
            "Rest from running and jumping",
            "Stop running and jumping for now. Keep fit with something that does not hurt, like cycling or "
            "swimming.",
        ),
        "foam_rolling": (
            "Foam rolling",
            "A foam roller is a firm tube of foam. Lie with the sore muscle on it and roll slowly for 30 to 60 "
            "seconds. Keep it gentle. Stay off bones, joints and any spot with sharp pain.",
        ),
        "warm_bath": (
            "Warm bath",
            "A warm bath can relax sore muscles. Make it warm, not hot, and soak for 15 to 20 minutes. "
            "If you like, add Epsom salts. These are bath salts made of magnesium. Do not swallow them.",
        ),
        "warm_bath_plain": (
            "Warm bath",
            "A warm bath can relax sore muscles. Make it warm, not hot, and soak for 15 to 20 minutes.",
        ),
        "pain_relief_gel": (
            "Pain relief gel",
            "Put a pain relief gel on the sore area. An anti-inflammatory gel calms swelling. A menthol gel feels cool. Read the label first. Spread it gently and wash your hands after.",
        ),
        "joint_gel": (
            "Pain relief gel",
            "An anti-inflammatory gel can ease joint pain, most of all in the knee. "
            "Read the label first. Spread it gently and wash your hands after.",
        ),
        "menthol_gel": (
            "Cooling gel",
            "A cooling gel made with menthol can ease the pain. Read the label first. "
            "Spread it gently and wash your hands after.",
        ),
        "active_recovery": (
            "Keep moving gently",
            "Light activity helps sore muscles heal. Try an easy walk, swim or bike ride for 10 to 20 minutes. "
            "Go slowly enough to talk.",
        ),
        "warm_up_cool_down": (
            "Warm up and cool down",
            "Before exercise, warm up with 5 to 10 minutes of easy moves, like a brisk walk. "
            "After, slow down the same way for 5 to 10 minutes.",
        ),
        "ten_percent_rule": (
            "Build up slowly: the 10% rule",
            "Each week, add no more than 10% (one tenth) to how far or how long you exercise. For example, "
            "if you walk 60 minutes this week, walk no more than 66 minutes next week.",
        ),
        "ten_percent_return": (
            "Go back slowly: the 10% rule",
            "When you start running and jumping again, build up slowly. Each week, add no more than 10% "
            "(one tenth) to how far or how long you go.",
        ),
        "footwear": (
            "Good shoes",
            "Wear shoes that fit well, hold your foot firmly and have a soft, thick sole. "
            "Get new sports shoes when the sole is worn down.",
        ),
        "cool_down_first": (
            "Cool down first",
            "Rest somewhere cool or in the shade. Loosen tight clothes. A cool shower can help. "
            "Do not have a warm or hot bath.",
        ),
        "fluids_electrolytes": (
            "Fluids and salts",
            "Drink water through the day, and more when it is hot or you exercise. Sweat takes out salts your "
            "muscles need. A sports drink, milk or a salty snack puts them back. "
            "If a doctor has told you to limit fluids, follow that advice.",
        ),
        "during_cramp": (
            "During a cramp",
            "Stretch the muscle: for a calf cramp, pull your toes up towards you. "
            "Rub the muscle gently until it relaxes.",
        ),
        "during_cramp_stretch": (
            "During a cramp",
            "Stretch the muscle: for a calf cramp, pull your toes up towards you and hold until it relaxes.",
        ),
        "during_cramp_rub": ("During a cramp", "Rub the muscle gently until it relaxes."),
        "movement_breaks": (
            "Take movement breaks",
            "Every 30 to 60 minutes, move for a few minutes. When you sit, circle your ankles and point your "
            "toes up and down 10 times. On a long trip, get up and walk for a few minutes every hour.",
        ),
        "compression_socks": (
            "Compression socks",
            "Compression socks squeeze your legs gently and help blood flow back up. Wear them in the day, "
            "not at night. A pharmacist can help you find the right size. " + _ASK_FIRST,
        ),
        "vein_compression_socks": (
            "Compression socks, after a check",
            "Compression socks can ease a heavy, aching leg. But first a nurse or doctor must check the blood "
            "flow in your legs, with a quick test of the blood pressure at your ankle. Ask the clinic before you "
            "buy them. Tell them if you have diabetes, numb feet, poor circulation or heart failure.",
        ),
        "anti_fatigue_mat": (
            "A soft mat to stand on",
            "If you stand in one place for a long time, stand on a soft, thick mat. "
            "Shift your weight from one leg to the other now and then.",
        ),
        "walking_plan": (
            "Walking plan",
            "Walking is the best treatment for this. Walk until the pain is moderate, then rest until it goes. "
            "Then walk again. Aim for about 30 minutes of walking, most days.",
        ),
        "stop_smoking": (
            "Stop smoking",
            "If you smoke, stopping is the best thing you can do for the blood flow in your legs. "
            "Ask the clinic for help to stop.",
        ),
        "foot_care": (
            "Check your feet every day",
            "Look at your feet every day for cuts, sores or color changes. Wear shoes that fit well and do not rub.",
        ),
        "joint_movement": (
            "Move and get stronger",
            "Gentle movement every day keeps the joint from getting stiff. Making the muscles around it stronger "
            "helps too, for example by slowly standing up from a chair 10 times.",
        ),
        "joint_bath": (
            "Warm bath for stiffness",
            "If the joint is stiff in the morning, a warm bath or shower can loosen it. Make it warm, not hot.",
        ),
        "bedtime_bath": (
            "Warm bath before bed",
            "A warm bath before bed can calm restless legs. Make it warm, not hot.",
        ),
        "evening_caffeine": (
            "Less caffeine and alcohol",
            "Have less coffee, tea, cola and alcohol, most of all in the evening. They can make the urge to move "
            "your legs worse.",
        ),
        "sleep_routine": ("Regular sleep", "Go to bed and get up at the same times every day."),
        "keep_active_back": (
            "Keep gently active",
            "Keep moving with short walks through the day. Do not stay in bed: bed rest makes this pain last longer.",
        ),
        "back_warmth": (
            "Warmth on your lower back",
            "A warm pack on your lower back can ease the pain. Make it warm, not hot. "
            "Never put it on skin that feels numb.",
        ),
        "walking": ("Walk", "Walk every day. It helps the blood in your leg veins flow back up."),
        "regular_activity": (
            "Gentle activity every day",
            "Gentle activity, like a short walk, helps the aches. Do a little every day, even on bad days.",
        ),
        "pacing": (
            "Pace yourself",
            "Split big jobs into small parts, with rests in between. Try not to do too much on good days.",
        ),
        "general_rest": ("Rest", "Take it easy for a day or two."),
        "break_from_trigger": ("Take a break", "Take a break from what brought the pain on, until it eases."),
        "gentle_movement": (
            "Gentle movement",
            "Keep moving a little. Short, easy walks stop your leg getting stiff. Stop if the pain gets much worse.",
        ),
        "sleep": (
            "Sleep well",
            "Your body heals while you sleep. Adults need 7 to 9 hours a night. Children and teens need more.",
        ),
        "water": (
            "Drink water",
            "Drink water through the day. Your urine should be pale yellow. "
            "If a doctor has told you to limit fluids, follow that advice.",
        ),
        "rub_aches": ("Rub the aching legs", "Rub the aching muscles firmly but gently. Many children find this soothing."),
        "warm_legs": (
            "Warmth",
            "A warm bath, or a warm towel on the aching legs, can ease the pain. Make it warm, not hot.",
        ),
        "bedtime_stretch": (
            "Stretch before bed",
            "Gentle stretches before bed can ease the aches at night. The stretches below show how.",
        ),
    },
    "drawings": {
        "calf-stretch": (
            "Drawing of the calf stretch: a person faces a wall with both hands on it. One leg is back, "
            "knee straight and heel on the floor; the front knee is bent."
        ),
        "hamstring-stretch": (
            "Drawing of the back of the thigh stretch: a person stands with one heel on a low step, "
            "that leg straight, and leans forward from the hips."
        ),
        "quad-stretch": (
            "Drawing of the front of the thigh stretch: a person holds a chair with one hand and holds "
            "one foot behind them with the other hand."
        ),
        "foot-stretch": (
            "Drawing of the sole of the foot stretch: a person sits on a chair with one foot across the other "
            "knee, and pulls the toes of that foot back with one hand."
        ),
    },
    "medicines_heading": "Medicines for pain",
    "medicines": {
        "paracetamol": (
            "Paracetamol (also called acetaminophen) can ease the pain. Take it as the label says. "
            "Never take it with another medicine that has paracetamol in it: many cold and flu medicines do."
        ),
        "children_paracetamol": (
            "Children's paracetamol (also called acetaminophen) can ease the pain. "
            "Give the dose the label gives for their age. Never give it with another medicine that has "
            "paracetamol in it: many cold and flu medicines do."
        ),
        "ibuprofen": (
            "Ibuprofen tablets can also help. Take them with food or a glass of milk. Do not take them for "
            "more than 10 days without asking a doctor or pharmacist. Never take ibuprofen if you are allergic "
            "to aspirin or ibuprofen. Ask a pharmacist first if you are 65 or over, have asthma, have had a "
            "stomach ulcer or bleed, have high blood pressure, kidney or heart problems, or take blood thinners, "
            "aspirin or another medicine that thins the blood."
        ),
        "medicines_with_clinician": "A nurse or doctor will talk with you about medicines for this.",
        "medicines_ask": (
            "Pain medicines you buy yourself are not the right help for this. Ask a nurse or doctor about "
            "medicines for it."
        ),
        "ibuprofen_not_while_dry": "Do not take ibuprofen while you are short of fluids. Drink enough first.",
        "pregnancy_paracetamol_only": (
            "While you are pregnant or just after giving birth, take only paracetamol, "
            "and ask your midwife or doctor first."
        ),
        "clot_paracetamol_only": (
            "Take only paracetamol for this pain. Do not take ibuprofen or aspirin unless your doctor says so. "
            "You may be on a blood thinner, or need one, and they can cause bleeding with it."
        ),
        "never_aspirin": "Never give aspirin to anyone under 16.",
        "label": "Never take more than the label says.",
    },
    "expect_heading": "What to expect",
    "expect": {
        "exercise-soreness": "Soreness after exercise is worst 1 to 3 days after, and gone within about a week.",
        "growing-pains": "Growing pains come and go, sometimes for months. They are harmless, and gone by the morning.",
        "overuse": "Pain from doing too much takes several weeks to settle, when you do less of what brought it on.",
        "strain": "A mild strain or sprain is much better in about 2 weeks. Getting back to sport can take 6 to 8 weeks.",
        "cramps": "A cramp goes away within minutes. The muscle can feel tender for a day.",
        "standing-sitting": "This ache eases with rest, most often overnight.",
        "poor-blood-flow": "Walking gets easier over weeks to months. A nurse or doctor will plan your care with you.",
        "joint": "Joint pain can come and go. A nurse or doctor will look at it with you.",
        "restless-legs": "A nurse or doctor will look at it with you. They may check your iron with a blood test.",
        "sciatica": "Most people get better in 4 to 6 weeks.",
        "varicose-veins": "A nurse or doctor will look at it with you.",
        "widespread-pain": "A nurse or doctor will look at it with you.",
        "general-comfort": "Most leg aches get better within a few days.",
    },
    # On a home-care handout (a clinician lowered the level), in place of the lines above
    # that promise a visit ("a nurse or doctor will look at it with you").
    "expect_home": {
        "poor-blood-flow": "Walking gets easier over weeks to months.",
        "joint": "Joint pain can come and go.",
        "restless-legs": "Restless legs can come and go. These steps often help.",
        "varicose-veins": "Bulging veins do not go away on their own, but these steps can ease the ache.",
        "widespread-pain": "Aches all over can come and go. These steps can help on bad days.",
    },
    "prevention_heading": "Stop it coming back",
}

_ESTIRA_FIN = "Aguante de 20 a 30 segundos. Hágalo 3 veces con cada pierna, dos veces al día. Nunca estire hasta que duela."
_ESTIRA_FIN_ADOLORIDO = ("Aguante de 20 a 30 segundos. Hágalo 3 veces con cada pierna, dos veces al día, cuando ya "
                         "haya pasado lo peor del dolor. Nunca estire hasta que duela.")
_PANTORRILLA = ("Párese frente a una pared, con las manos en ella. Lleve un pie hacia atrás, con esa rodilla recta y "
                "ese talón en el piso. Doble la rodilla de adelante hasta sentir un tirón suave en la pantorrilla de "
                "atrás. ")
_ATRAS_MUSLO = ("Apoye un talón en un escalón bajo, con la pierna recta. Con la espalda recta, inclínese hacia "
                "adelante desde la cadera hasta sentir un tirón suave atrás del muslo. ")
_ADELANTE_MUSLO = ("Agárrese de una pared o una silla. Doble una rodilla y tome ese pie por detrás. Lleve el talón con "
                   "suavidad hacia la nalga hasta sentir un tirón adelante del muslo. Deje las rodillas juntas. ")
_PREGUNTE_ANTES = ("Pregunte antes a una enfermera o un médico si tiene diabetes, los pies adormecidos, "
                   "mala circulación o el corazón débil.")

ES = {
    "title": "Su dolor de pierna: qué hacer ahora",
    "for": "Para",
    "date": "Fecha",
    "phone": "Teléfono",
    "reference": "Su número de caso",
    "trace": "Texto de la hoja {text} · Reglas {rules}",
    "emergency_number_default": "número de emergencias",
    "at_phone": " al {phone}",
    "months": (
        "enero", "febrero", "marzo", "abril", "mayo", "junio",
        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    ),
    "date_format": "{day} de {month} de {year}",
    "disposition": {
        "emergency": "Necesita atención de emergencia ahora",
        "urgent": "Una enfermera o un médico debe verle hoy",
        "routine": "Pida una cita para los próximos días",
        "self-care": "Puede cuidar su pierna en casa",
    },
    "disposition_tag": {
        "emergency": "EMERGENCIA",
        "urgent": "HOY",
        "routine": "PEDIR CITA",
        "self-care": "EN CASA",
    },
    "now_heading": "Qué hacer ahora mismo",
    "now": {
        "emergency": (
            "Quédese donde está y avise ahora al personal.",
            "Si no está en la clínica, llame ya al {emergency}.",
            "No maneje. Pida que otra persona maneje por usted.",
        ),
        "urgent": (
            "Muestre esta hoja ahora en la recepción.",
            "Le van a atender hoy.",
            "Por favor, no se vaya a su casa antes de que le atiendan.",
        ),
        "urgent_seated": (
            "Quédese donde está. Pida que alguien del personal venga a verle, y muéstrele esta hoja.",
            "Le van a atender hoy.",
            "Por favor, no se vaya a su casa antes de que le atiendan.",
        ),
        "routine": ("Llame a la clínica{at_phone} para pedir una cita en los próximos días.",),
    },
    "meanwhile": "Mientras tanto, estos pasos le pueden ayudar.",
    "reasons_heading": "Por qué le decimos esto",
    "checked": "Una enfermera o un médico revisó sus respuestas.",
    "warning_heading": "Señales de alarma: cuándo pedir ayuda",
    "while_waiting": "Si algo empeora mientras espera, avise enseguida a alguien del personal.",
    "warning_group_headings": {
        "emergency": "Llame ya al {emergency} si tiene:",
        "today": "Vuelva hoy o llame a la clínica{at_phone} si tiene:",
        "soon": "Llame a la clínica{at_phone} para pedir una cita si:",
    },
    "warning_items": {
        "chest": "Dolor en el pecho, o le cuesta respirar.",
        "cough_blood": "Tose con sangre.",
        "chest_only": "Dolor en el pecho.",
        "breathing_only": "Le cuesta respirar.",
        "faint": "Se desmaya, o casi se desmaya.",
        "cold_leg": "La pierna o el pie fríos, pálidos o azulados.",
        "bladder": (
            "Le cuesta orinar, no puede aguantar la orina o las heces, "
            "o siente adormecidas sus partes íntimas o el ano."
        ),
        "sudden_weakness": "Debilidad o adormecimiento de la pierna que empieza de repente.",
        "sudden_weakness_only": "Debilidad de la pierna que empieza de repente.",
        "sudden_numbness_only": "Adormecimiento de la pierna que empieza de repente.",
        "fever_hot_joint": "Fiebre con una articulación caliente y adolorida, o con una zona roja que duele mucho.",
        "heat_illness": (
            "Se siente confundido, tiene la piel caliente y ya no suda, o tiene una convulsión (ataque). "
            "O sigue sintiéndose mal después de 30 minutos de descanso en un lugar fresco."
        ),
        "muscle_pressure": (
            "Un dolor que empeora cada vez más y es mucho peor de lo esperado, con el músculo tenso, duro e "
            "hinchado, o dolor al mover los dedos del pie o el pie. Puede estar subiendo la presión dentro del músculo."
        ),
        "dark_urine_now": "Orina muy oscura, de color café oscuro o como un refresco de cola, después del ejercicio.",
        "sciatica_both_legs": "Dolor, adormecimiento o debilidad que baja por las dos piernas (ciática en las dos piernas).",
        "bleeding_vein": "Una vena que sangra y no para al apretarla y subir la pierna.",
        "chest_pain_walking": "Dolor en el pecho, o le falta el aire, mientras camina.",
        "pregnancy": "Un dolor de cabeza fuerte, ve borroso o ve destellos de luz, o de repente se le hinchan la cara o las manos.",
        "one_leg_swollen": (
            "Toda la pantorrilla o la pierna hinchada de un solo lado: puede ser un coágulo. "
            "(No cuenta si solo se hincha una articulación torcida o golpeada.)"
        ),
        "red_spreading": "Piel roja y caliente que se extiende. (No cuenta un moretón después de un golpe.)",
        "fever": "Fiebre o escalofríos.",
        "numb": "Adormecimiento u hormigueo, como piquetes de alfileres.",
        "four_steps": "No puede dar 4 pasos apoyando esa pierna.",
        "dark_urine": "Orina muy oscura, de color café oscuro o como un refresco de cola.",
        "bad_pain": (
            "Dolor muy fuerte, o dolor que de repente empeora mucho. "
            "(No cuenta un calambre que se quita en minutos.)"
        ),
        "stress_fracture": (
            "Dolor en un solo punto del hueso, o dolor en reposo o de noche. "
            "Puede ser una pequeña grieta en el hueso (fractura por estrés)."
        ),
        "pain_at_rest": (
            "Dolor en la pierna o el pie en reposo o de noche, una herida que no sana, "
            "o un dedo del pie que se pone oscuro."
        ),
        "rest_pain_only": "Dolor en la pierna o el pie en reposo o de noche.",
        "hot_joint": "Una articulación caliente e hinchada, aunque no tenga fiebre.",
        "torn_tendon": (
            "Un dolor agudo de repente o un chasquido atrás del talón o de la pantorrilla, o no puede pararse "
            "de puntas. El cordón de atrás del tobillo (un tendón) puede estar roto."
        ),
        "fever_flare_joint": (
            "Fiebre o escalofríos con su articulación caliente y adolorida, o con una zona roja que empieza a "
            "doler mucho."
        ),
        "flare_changes": (
            "Se siente mal, lo rojo se extiende más allá de la articulación, o esta crisis no es como las de "
            "siempre o está en otra articulación."
        ),
        "growing_pains_changes": (
            "Cojea, o le duele una sola pierna. El dolor sigue en la mañana o durante el día. Una zona hinchada, "
            "roja o caliente, o fiebre. Su hijo o hija se ve mal, tiene mucho cansancio o está bajando de peso."
        ),
        "numb_feet_changes": (
            "Una herida, ampolla o cortada en el pie que no sana, o un dedo que se pone oscuro. Un pie que se "
            "pone caliente, hinchado o cambia de forma. Debilidad nueva, o le cuesta caminar."
        ),
        "swelling_changes": "La pierna se hincha más, o se pone roja, caliente o le duele más.",
        "hard_vein": "Una vena dura, roja y que duele.",
        "child_limp": "Cojea, o el dolor le despierta de noche.",
        "no_urine": "Vomita, o no ha orinado en 8 horas.",
        "getting_worse": "El dolor empeora.",
        "not_better_3_days": "El dolor no empieza a mejorar después de 3 días.",
        "not_better_2_weeks": "El dolor no ha empezado a mejorar en 2 semanas.",
        "not_better_overuse": (
            "El dolor no empieza a mejorar después de 2 semanas de entrenar menos, o no se quita en 6 semanas."
        ),
        "not_better_overuse_standing": (
            "El dolor no empieza a mejorar después de 2 semanas de estar menos tiempo de pie, "
            "o no se quita en 6 semanas."
        ),
        "known_not_settling": "Lo siente distinto de otras veces, o no se calma en el tiempo de siempre.",
        "cramps_midwife": (
            "Los calambres la despiertan casi todas las noches. Si no, coménteselo a su partera o a su médico "
            "en su próximo control."
        ),
        "stress_fracture_visit": (
            "Dolor en un solo punto del hueso, o dolor en reposo o de noche. Puede ser una pequeña grieta en el "
            "hueso (fractura por estrés). No corra ni salte hasta que le hagan la revisión."
        ),
        "longer_than_expected": "El dolor dura más que el tiempo que dice Qué esperar.",
        "cramps_keep_coming": "Los calambres vuelven una y otra vez.",
    },
    "avoid_heading": "Por ahora, no haga esto",
    "avoid": {
        "clot_risk": (
            "No se dé masajes, no use rodillo de espuma y no se frote las piernas. No se ponga calor en las "
            "piernas, como baños calientes o almohadillas térmicas. No use medias ni vendas que aprieten. "
            "Usted tiene más riesgo de un coágulo de sangre, y esto lo podría empeorar. "
            "Las medias que le dio un médico o una enfermera son la excepción: siga usándolas como le indicaron."
        ),
        "fresh_injury": (
            "Nada de calor ni estiramientos en los 3 primeros días después de la lesión. "
            "Pueden empeorar la hinchazón y el sangrado dentro del músculo."
        ),
        "poor_blood_flow": (
            "No use hielo ni compresas frías, ni calor, ni medias o vendas que aprieten, y no ponga la pierna "
            "en alto. Puede que a su pierna le llegue poca sangre, y esto le podría hacer daño."
        ),
        "under_16": (
            "Nada de geles antiinflamatorios (geles que bajan la hinchazón) ni sales de Epsom, salvo que lo diga "
            "un médico. No son para menores de 16 años."
        ),
        "pregnancy": (
            "Nada de geles antiinflamatorios (geles que bajan la hinchazón) durante el embarazo o en las semanas "
            "después del parto, salvo que lo diga su médico. Pueden no ser seguros para su bebé. "
            "Para poner la pierna en alto, acuéstese de lado, no boca arriba."
        ),
        "hot_weather": (
            "Por ahora, nada de baños tibios o calientes, ni compresas calientes o almohadillas térmicas en las "
            "piernas. Primero refrésquese: el calor le hace perder más líquido y lo puede enfermar."
        ),
        "stress_fracture": (
            "Por ahora, no corra ni salte. Su dolor puede ser una pequeña grieta en el hueso (fractura por "
            "estrés), y correr o saltar la puede empeorar. Una enfermera o un médico le puede decir cuándo volver a empezar."
        ),
    },
    "relief_heading": "Cosas que le pueden ayudar",
    "steps": {
        "rice": (
            "Reposo, hielo, compresión y pierna en alto los 3 primeros días",
            "Son cuatro pasos: reposo, hielo, compresión (presión suave con una venda) y elevación "
            "(pierna en alto). Abajo se explica cada uno.",
        ),
        "rice_without_compression": (
            "Reposo, hielo y pierna en alto los 3 primeros días",
            "Abajo se explica cada paso. Ayudan a bajar la hinchazón.",
        ),
        "rest": ("Descanso", "Descanse la pierna uno o dos días, sin ejercicio fuerte. Puede dar paseos cortos y suaves."),
        "ice": (
            "Hielo",
            "Envuelva una bolsa de hielo o de verduras congeladas en un trapo. Nunca ponga el hielo directo sobre "
            "la piel. Póngalo en la zona hasta 20 minutos cada vez, cada 2 o 3 horas.",
        ),
        "compression_bandage": (
            "Compresión",
            "Ponga una venda elástica alrededor de la zona, firme pero sin apretar. Esta presión suave evita que se "
            "hinche. Quítesela para dormir, y enseguida si siente hormigueo o los dedos se ponen pálidos o azulados. "
            + _PREGUNTE_ANTES,
        ),
        "elevation": (
            "Pierna en alto",
            "Acuéstese y ponga la pierna sobre almohadas, más alta que el corazón, de 15 a 20 minutos, "
            "varias veces al día. Ayuda a bajar la hinchazón.",
        ),
        "elevation_on_side": (
            "Pierna en alto",
            "Acuéstese de lado, no boca arriba, y ponga la pierna sobre almohadas de 15 a 20 minutos, "
            "varias veces al día. Ayuda a bajar la hinchazón.",
        ),
        "first_days_avoid": (
            "Los 3 primeros días",
            "No use calor, no tome alcohol, no corra y no se dé masajes. Pueden empeorar la hinchazón y el sangrado.",
        ),
        "calf_stretch": ("Estiramiento de pantorrilla", _PANTORRILLA + _ESTIRA_FIN),
        "calf_stretch_sore": ("Estiramiento de pantorrilla", _PANTORRILLA + _ESTIRA_FIN_ADOLORIDO),
        "foot_stretch": (
            "Estiramiento de la planta del pie",
            "Siéntese y ponga el pie adolorido sobre la otra rodilla. Tome los dedos del pie y llévelos con "
            "suavidad hacia la espinilla hasta sentir un tirón en la planta y el talón. " + _ESTIRA_FIN,
        ),
        "hamstring_stretch": ("Estiramiento de atrás del muslo", _ATRAS_MUSLO + _ESTIRA_FIN),
        "hamstring_stretch_sore": ("Estiramiento de atrás del muslo", _ATRAS_MUSLO + _ESTIRA_FIN_ADOLORIDO),
        "quad_stretch": ("Estiramiento de adelante del muslo", _ADELANTE_MUSLO + _ESTIRA_FIN),
        "quad_stretch_sore": ("Estiramiento de adelante del muslo", _ADELANTE_MUSLO + _ESTIRA_FIN_ADOLORIDO),
        "return_plan": (
            "Vuelva a lo normal paso a paso",
            "Use la pierna un poco más cada día. Guíese por el dolor: una molestia leve está bien, pero pare si el "
            "dolor se vuelve agudo o empeora mucho. Vuelva al deporte despacio, a lo largo de semanas.",
        ),
        "relative_rest": (
            "Descanse de lo que duele",
            "Haga menos el deporte o la actividad que le duele. Manténgase en forma con otra que no duela, "
            "como andar en bicicleta o nadar.",
        ),
        "impact_rest": (
            "Descanse de correr y saltar",
            "Por ahora, no corra ni salte. Manténgase en forma con algo que no le duela, como andar en "
            "bicicleta o nadar.",
        ),
        "foam_rolling": (
            "Rodillo de espuma",
            "El rodillo es un tubo firme de espuma. Acuéstese con el músculo adolorido sobre él y ruede despacio "
            "de 30 a 60 segundos. Hágalo con suavidad. No lo pase por huesos, articulaciones ni puntos con dolor fuerte.",
        ),
        "warm_bath": (
            "Baño tibio",
            "Un baño tibio relaja los músculos. Que esté tibio, no caliente. Quédese de 15 a 20 minutos. "
            "Si quiere, ponga sales de Epsom en el agua. Son sales de baño con magnesio. No se las tome.",
        ),
        "warm_bath_plain": (
            "Baño tibio",
            "Un baño tibio relaja los músculos. Que esté tibio, no caliente. Quédese de 15 a 20 minutos.",
        ),
        "pain_relief_gel": (
            "Gel para el dolor",
            "Póngase un gel para el dolor en la zona. Un gel antiinflamatorio baja la hinchazón. Un gel de mentol da frescura. Lea antes la etiqueta. Extiéndalo con suavidad y lávese "
            "las manos después.",
        ),
        "joint_gel": (
            "Gel para el dolor",
            "Un gel antiinflamatorio puede aliviar el dolor de la articulación, sobre todo en la rodilla. Lea antes la etiqueta. Extiéndalo con suavidad y lávese las manos después.",
        ),
        "menthol_gel": (
            "Gel de mentol",
            "Un gel con mentol da frescura y alivia el dolor. Lea antes la etiqueta. "
            "Extiéndalo con suavidad y lávese las manos después.",
        ),
        "active_recovery": (
            "Muévase con suavidad",
            "Moverse un poco ayuda a que el músculo se cure. Camine, nade o ande en bicicleta de 10 a 20 minutos, "
            "tan despacio que pueda hablar.",
        ),
        "warm_up_cool_down": (
            "Antes y después del ejercicio",
            "Antes del ejercicio, caliente de 5 a 10 minutos con algo suave, como caminar rápido. "
            "Al terminar, baje el ritmo igual de 5 a 10 minutos.",
        ),
        "ten_percent_rule": (
            "Poco a poco: la regla del 10%",
            "Cada semana, no aumente más del 10% (la décima parte) lo que camina, corre o entrena. Por ejemplo, "
            "si camina 60 minutos esta semana, camine 66 como mucho la próxima.",
        ),
        "ten_percent_return": (
            "Vuelva poco a poco: la regla del 10%",
            "Cuando vuelva a correr y saltar, hágalo poco a poco. Cada semana, no aumente más del 10% "
            "(la décima parte) lo que corre o entrena.",
        ),
        "footwear": (
            "Buen calzado",
            "Use zapatos que le queden bien, sujeten el pie y tengan una suela blanda y gruesa. "
            "Cambie los tenis cuando la suela esté gastada.",
        ),
        "cool_down_first": (
            "Primero, refrésquese",
            "Descanse en un lugar fresco o a la sombra. Aflójese la ropa apretada. Una ducha fresca puede "
            "ayudar. No se dé un baño tibio ni caliente.",
        ),
        "fluids_electrolytes": (
            "Líquidos y sales",
            "Tome agua durante el día, y más si hace calor o hace ejercicio. El sudor se lleva sales que sus "
            "músculos necesitan. Una bebida para deportistas, leche o algo salado las repone. "
            "Si un médico le dijo que tome pocos líquidos, haga lo que le dijo.",
        ),
        "during_cramp": (
            "Durante un calambre",
            "Estire el músculo: si es en la pantorrilla, lleve la punta del pie hacia usted. "
            "Frote el músculo con suavidad hasta que se afloje.",
        ),
        "during_cramp_stretch": (
            "Durante un calambre",
            "Estire el músculo: si es en la pantorrilla, lleve la punta del pie hacia usted hasta que se afloje.",
        ),
        "during_cramp_rub": ("Durante un calambre", "Frote el músculo con suavidad hasta que se afloje."),
        "movement_breaks": (
            "Pausas para moverse",
            "Cada 30 a 60 minutos, muévase unos minutos. Si está sentado, haga círculos con los tobillos y suba y "
            "baje las puntas de los pies 10 veces. En un viaje largo, levántese y camine unos minutos cada hora.",
        ),
        "compression_socks": (
            "Medias de compresión",
            "Las medias de compresión aprietan la pierna con suavidad y ayudan a que la sangre suba. Úselas de día, "
            "no de noche. En la farmacia le ayudan a elegir la talla. " + _PREGUNTE_ANTES,
        ),
        "vein_compression_socks": (
            "Medias de compresión, después de una revisión",
            "Las medias de compresión pueden aliviar la pierna pesada. Pero antes una enfermera o un médico debe "
            "revisar la sangre de sus piernas, con una prueba rápida de la presión en el tobillo. Pregunte en la "
            "clínica antes de comprarlas. Diga si tiene diabetes, los pies adormecidos, mala circulación o el "
            "corazón débil.",
        ),
        "anti_fatigue_mat": (
            "Un tapete blando",
            "Si está de pie mucho tiempo en un lugar, párese sobre un tapete blando y grueso. "
            "Pase el peso de una pierna a la otra de vez en cuando.",
        ),
        "walking_plan": (
            "Plan para caminar",
            "Caminar es el mejor tratamiento para esto. Camine hasta que el dolor sea moderado y descanse hasta "
            "que se quite. Luego camine otra vez. Trate de caminar unos 30 minutos casi todos los días.",
        ),
        "stop_smoking": (
            "Deje de fumar",
            "Si fuma, dejarlo es lo mejor que puede hacer por la sangre de sus piernas. "
            "Pida ayuda en la clínica para dejarlo.",
        ),
        "foot_care": (
            "Revise sus pies cada día",
            "Mire sus pies todos los días por si hay cortadas, llagas o cambios de color. "
            "Use zapatos que le queden bien y no le rocen.",
        ),
        "joint_movement": (
            "Muévase y gane fuerza",
            "Mover la articulación con suavidad cada día evita que se ponga tiesa. Fortalecer los músculos de "
            "alrededor también ayuda, por ejemplo levantarse despacio de una silla 10 veces.",
        ),
        "joint_bath": (
            "Baño tibio para la rigidez",
            "Si la articulación está tiesa en la mañana, un baño o una ducha tibia la afloja. Que esté tibio, no caliente.",
        ),
        "bedtime_bath": (
            "Baño tibio antes de dormir",
            "Un baño tibio antes de acostarse puede calmar las piernas inquietas. Que esté tibio, no caliente.",
        ),
        "evening_caffeine": (
            "Menos cafeína y alcohol",
            "Tome menos café, té, refrescos de cola y alcohol, sobre todo en la tarde y en la noche. "
            "Pueden empeorar las ganas de mover las piernas.",
        ),
        "sleep_routine": ("Horario fijo para dormir", "Acuéstese y levántese a la misma hora todos los días."),
        "keep_active_back": (
            "Manténgase activo",
            "Siga moviéndose con paseos cortos durante el día. No se quede en cama: "
            "el reposo en cama hace que este dolor dure más.",
        ),
        "back_warmth": (
            "Calor suave en la parte baja de la espalda",
            "Una compresa tibia en la parte baja de la espalda puede aliviar el dolor. Que esté tibia, no caliente. "
            "Nunca la ponga sobre piel adormecida.",
        ),
        "walking": ("Camine", "Camine todos los días. Ayuda a que la sangre de las venas de la pierna suba."),
        "regular_activity": (
            "Actividad suave cada día",
            "La actividad suave, como un paseo corto, alivia los dolores. Haga un poco cada día, aun en los días malos.",
        ),
        "pacing": (
            "Vaya a su ritmo",
            "Divida las tareas grandes en partes pequeñas, con descansos entre ellas. "
            "No haga demasiado en los días buenos.",
        ),
        "general_rest": ("Descanso", "Tómelo con calma uno o dos días."),
        "break_from_trigger": ("Tómese un descanso", "Descanse de lo que le causó el dolor hasta que se alivie."),
        "gentle_movement": (
            "Muévase un poco",
            "Siga moviéndose un poco. Los paseos cortos y suaves evitan que la pierna se ponga tiesa. "
            "Pare si el dolor aumenta mucho.",
        ),
        "sleep": (
            "Duerma bien",
            "El cuerpo se cura mientras duerme. Un adulto necesita de 7 a 9 horas cada noche. "
            "Los niños y los jóvenes, más.",
        ),
        "water": (
            "Tome agua",
            "Tome agua durante el día. La orina debe ser de color amarillo claro. "
            "Si un médico le dijo que tome pocos líquidos, haga lo que le dijo.",
        ),
        "rub_aches": (
            "Frote las piernas que duelen",
            "Frote los músculos que duelen, firme pero con suavidad. A muchos niños esto los calma.",
        ),
        "warm_legs": (
            "Calor suave",
            "Un baño tibio, o una toalla tibia sobre las piernas que duelen, puede aliviar el dolor. "
            "Que esté tibio, no caliente.",
        ),
        "bedtime_stretch": (
            "Estiramientos antes de dormir",
            "Estirar con suavidad antes de dormir puede calmar el dolor de la noche. Abajo se muestra cómo.",
        ),
    },
    "drawings": {
        "calf-stretch": (
            "Dibujo del estiramiento de pantorrilla: una persona frente a una pared, con las dos manos en ella. "
            "Una pierna atrás, con la rodilla recta y el talón en el piso; la rodilla de adelante, doblada."
        ),
        "hamstring-stretch": (
            "Dibujo del estiramiento de atrás del muslo: una persona de pie con un talón en un escalón bajo, "
            "esa pierna recta, inclinada hacia adelante desde la cadera."
        ),
        "quad-stretch": (
            "Dibujo del estiramiento de adelante del muslo: una persona se agarra de una silla con una mano "
            "y con la otra toma un pie por detrás."
        ),
        "foot-stretch": (
            "Dibujo del estiramiento de la planta del pie: una persona sentada en una silla, con un pie sobre la "
            "otra rodilla, lleva hacia atrás los dedos de ese pie con una mano."
        ),
    },
    "medicines_heading": "Medicinas para el dolor",
    "medicines": {
        "paracetamol": (
            "El paracetamol (también llamado acetaminofén) puede aliviar el dolor. Tómelo como dice la etiqueta. "
            "Nunca lo tome junto con otra medicina que tenga paracetamol: muchas medicinas para el resfriado o la gripe lo tienen."
        ),
        "children_paracetamol": (
            "El paracetamol para niños (también llamado acetaminofén) puede aliviar el dolor. "
            "Dé la dosis que dice la etiqueta para su edad. Nunca lo dé junto con otra medicina que tenga "
            "paracetamol: muchas medicinas para el resfriado o la gripe lo tienen."
        ),
        "ibuprofen": (
            "Las pastillas de ibuprofeno también pueden ayudar. Tómelas con comida o con un vaso de leche. "
            "No las tome más de 10 días sin preguntar a un médico o en la farmacia. Nunca tome ibuprofeno si "
            "tiene alergia a la aspirina o al ibuprofeno. Pregunte antes en la farmacia si tiene 65 años o más, "
            "tiene asma, tuvo una úlcera o un sangrado de estómago, tiene la presión alta, problemas de riñón o "
            "del corazón, o toma medicinas para que la sangre no se coagule (anticoagulantes), aspirina u otra "
            "medicina que hace la sangre más líquida."
        ),
        "medicines_with_clinician": "Una enfermera o un médico hablará con usted sobre medicinas para esto.",
        "medicines_ask": (
            "Las medicinas para el dolor que usted compra no son la mejor ayuda para esto. Pregunte a una "
            "enfermera o a un médico qué medicinas le pueden servir."
        ),
        "ibuprofen_not_while_dry": "No tome ibuprofeno si le faltan líquidos. Primero tome suficiente agua.",
        "pregnancy_paracetamol_only": (
            "Durante el embarazo o justo después del parto, tome solo paracetamol, "
            "y pregunte antes a su partera o a su médico."
        ),
        "clot_paracetamol_only": (
            "Para este dolor, tome solo paracetamol. No tome ibuprofeno ni aspirina salvo que lo diga su médico. "
            "Puede que tome o necesite un anticoagulante, y con él pueden causar sangrado."
        ),
        "never_aspirin": "Nunca le dé aspirina a un menor de 16 años.",
        "label": "Nunca tome más de lo que dice la etiqueta.",
    },
    "expect_heading": "Qué esperar",
    "expect": {
        "exercise-soreness": "El dolor después del ejercicio es peor de 1 a 3 días después y se quita en más o menos una semana.",
        "growing-pains": (
            "Los dolores de crecimiento van y vienen, a veces durante meses. No son peligrosos y se quitan "
            "para la mañana."
        ),
        "overuse": "El dolor por exceso de uso tarda varias semanas en calmarse, si hace menos de lo que lo causó.",
        "strain": "Un tirón o una torcedura leve mejora mucho en unas 2 semanas. Volver al deporte puede tardar de 6 a 8 semanas.",
        "cramps": "Un calambre se quita en unos minutos. El músculo puede quedar adolorido un día.",
        "standing-sitting": "Este dolor se alivia con descanso, casi siempre en una noche.",
        "poor-blood-flow": "Caminar se vuelve más fácil en semanas o meses. Una enfermera o un médico planeará su cuidado con usted.",
        "joint": "El dolor de las articulaciones puede ir y venir. Una enfermera o un médico lo revisará con usted.",
        "restless-legs": "Una enfermera o un médico lo revisará con usted. Puede que le revisen el hierro con un análisis de sangre.",
        "sciatica": "La mayoría de las personas mejora en 4 a 6 semanas.",
        "varicose-veins": "Una enfermera o un médico lo revisará con usted.",
        "widespread-pain": "Una enfermera o un médico lo revisará con usted.",
        "general-comfort": "Casi todos los dolores de pierna mejoran en pocos días.",
    },
    "expect_home": {
        "poor-blood-flow": "Caminar se vuelve más fácil en semanas o meses.",
        "joint": "El dolor de las articulaciones puede ir y venir.",
        "restless-legs": "Las piernas inquietas pueden ir y venir. Estos pasos suelen ayudar.",
        "varicose-veins": "Las venas hinchadas no se quitan solas, pero estos pasos pueden aliviar la molestia.",
        "widespread-pain": "Los dolores en todo el cuerpo pueden ir y venir. Estos pasos pueden ayudar en los días malos.",
    },
    "prevention_heading": "Para que no vuelva",
}

TEXT = {"en": EN, "es": ES}


def text(language):
    """The handout's words in `language` ('en' or 'es')."""
    return TEXT[language]


def filler(language, *, phone="", emergency_number=""):
    """A function that fills a sentence's `{emergency}` and `{at_phone}` so it
    reads whole with or without the clinic's configuration."""
    words = text(language)
    values = {
        "emergency": emergency_number or words["emergency_number_default"],
        "at_phone": words["at_phone"].format(phone=phone) if phone else "",
    }
    return lambda line: line.format(**values)


def expect_lines(plan):
    """The "what to expect" lines of a HandoutPlan, each printed once. A home-care
    handout promises no visit (contract section 5: nothing of a higher tier)."""
    words = text(plan.language)
    home = words["expect_home"] if plan.disposition == "self-care" else {}
    return tuple(dict.fromkeys(home.get(p, words["expect"][p]) for p in plan.expect))
