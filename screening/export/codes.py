"""The English words of the exported codes and questions (FHIR `display` and item `text`).

Clinical wording for other systems, not the patient's: the form's own
questions are written for patients and translated; these say what each
field means, as the contract defines it.
"""
from ..triage.rules import RULES

DISPLAY = {
    "yes": "Yes", "no": "No", "unsure": "Unsure",
    "left": "Left leg", "right": "Right leg", "both": "Both legs",
    "thigh_front": "Front of thigh", "thigh_back": "Back of thigh", "hip_buttock": "Hip or buttock",
    "knee": "Knee", "shin": "Shin", "calf": "Calf", "ankle_heel": "Ankle or heel", "foot": "Foot",
    "whole_leg": "Whole leg",
    "sudden": "Sudden", "gradual": "Gradual",
    "under_1_day": "Under 1 day", "1_3_days": "1 to 3 days", "4_7_days": "4 to 7 days",
    "1_4_weeks": "1 to 4 weeks", "over_4_weeks": "Over 4 weeks",
    "better": "Getting better", "same": "About the same", "worse": "Getting worse",
    "new_or_intense_exercise": "New or intense exercise", "injury": "Injury",
    "sudden_pain_during_activity": "Sudden pain during activity", "long_standing": "Long standing",
    "long_sitting_or_travel": "Long sitting or travel", "hot_weather_or_little_fluid": "Hot weather or little fluid",
    "none_known": "None known",
    # Revision 7 follow-ups (`yes`/`no` above).
    "normal": "Walks as well as before", "limping": "Walks alone but limps, is slower or now needs a stick",
    "needs_help": "Can only shuffle, or needs a frame or another person to walk",
    "joint": "Diagnosed before as gout or arthritis, and feels the same",
    "other": "Another problem diagnosed before, and feels the same",
    "en": "English", "es": "Spanish",
    # Dispositions and the triage codes.
    "urgent": "Urgent: seen by a clinician today", "routine": "Routine: clinician visit in the next days",
    "self-care": "Self-care at home", "emergency": "Emergency care needed now",
    "triage": "Leg-soreness triage", "clinician-review": "Clinician review of the leg-soreness triage",
}

# Rule ids have a CodeSystem of their own (revision 7): the rule `joint` and
# the known_problem value `joint` would otherwise be one code.
RULE_DISPLAY = {rule.id: f"Rule {rule.id} ({rule.tier})" for rule in RULES}

QUESTION_TEXT = {
    "age_years": "Age in years",
    "sides": "Which leg is sore",
    "locations": "Where the leg is sore",
    "onset": "How the pain began",
    "duration": "How long the pain has lasted",
    "pain_score": "Pain score now, 0 (none) to 10 (worst imaginable)",
    "trend": "Whether the pain is getting better or worse",
    "triggers": "What may have brought the pain on",
    "chest_pain": "Chest pain or tightness now or since the leg pain began",
    "short_of_breath": "New shortness of breath",
    "fainted": "Fainted or nearly fainted since the leg pain began",
    "leg_cold_or_pale": "The leg or foot is cold, pale or bluish",
    "bladder_or_bowel_change": ("New difficulty passing urine, loss of bladder or bowel control, or numbness "
                                "around the genitals or back passage"),
    "one_leg_swollen": "Calf or whole leg swollen on one side only (not just around a twisted or knocked joint)",
    "redness_or_warmth": "Red, warm skin over the sore area, spreading or without an injury (not a bruise)",
    "fever_or_chills": "Fever or chills",
    "numbness_or_tingling": "Numbness or tingling in the leg or foot",
    "leg_weakness": "The leg gives way, or the foot drags",
    "cannot_bear_weight": "Cannot take four steps on the leg",
    "dark_urine": "Dark brown or cola-coloured urine since the pain began",
    "pregnancy_warning_signs": ("When pregnant or recently given birth: bad headache, blurred vision or flashing "
                                "lights, or sudden swelling of the face or hands"),
    "recent_surgery_or_immobilised": "Surgery, a cast, or bed rest of 3 days or more in the last 12 weeks",
    "active_cancer": "Cancer treated now or in the last 6 months",
    "previous_clot": "A blood clot in a leg or lung before",
    "pregnant_or_postpartum": "Pregnant, or gave birth in the last 6 weeks",
    "long_travel": "A trip of 4 hours or more sitting, in the last 4 weeks",
    "calf_pain_walking_relieved_by_rest": "Calf cramps when walking that ease with rest",
    "urge_to_move_legs": "An urge to move the legs, worse in the evening or at night",
    "back_pain_radiating": "Pain running from the lower back down the leg",
    "joint_pain_or_stiffness": "Pain or stiffness in the hip, knee or ankle joint",
    "varicose_veins": "Bulging veins with a heavy, aching leg",
    "widespread_pain": "Aching in many parts of the body, not only the legs",
    "muscle_cramps": "Sudden painful muscle cramps",
    "walking": "How the patient walks now compared with before this began",
    "overuse_warning": ("A bone spot tender to press, pain at rest or at night, or no better after 2 weeks "
                        "of lighter load"),
    "known_problem": "Diagnosed before by a doctor or nurse, and feels just like the times before",
    "foot_wound": "A sore, cut, blister or ulcer on the foot or toes that is not healing, or a dark toe",
    "preferred_name": "Name the patient prefers",
    "language": "Language of the form",
    "notes": "Notes for the clinician",
}


def display(code):
    return DISPLAY.get(code, code.replace("_", " ").replace("-", " ").capitalize())


def rule_display(rule_id):
    return RULE_DISPLAY.get(rule_id, f"Rule {rule_id}")


def question_text(name):
    return QUESTION_TEXT.get(name, name.replace("_", " ").capitalize())
