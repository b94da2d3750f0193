"""The archive's starting vocabularies: the three freedoms and the topics the debates argued about.

A data migration creates these rows, so every database, including a fresh
one, has them and fixtures can refer to them by slug.  Staff may refine the
descriptions or add topics in the admin afterwards.
"""

THEMES = [
    (
        "freedom-from-fear",
        "Freedom from fear",
        "Protection from violence and threats to physical safety: armed conflict, internal violence, "
        "terrorism, crime, trafficking and disasters.",
    ),
    (
        "freedom-from-want",
        "Freedom from want",
        "Security of livelihood: freedom from poverty, hunger, disease and economic, food and energy crises.",
    ),
    (
        "freedom-to-live-in-dignity",
        "Freedom to live in dignity",
        "Human rights, empowerment and the ability of people to act on their own behalf and shape their lives.",
    ),
]

TOPICS = [
    (
        "definition-of-human-security",
        "Definition of human security",
        "Whether and how to define the notion: a legal definition, a working framework or common understanding.",
    ),
    (
        "responsibility-to-protect",
        "Responsibility to protect",
        "How human security relates to, and differs from, the responsibility to protect.",
    ),
    (
        "state-sovereignty",
        "State sovereignty and primary responsibility",
        "The primary responsibility of States for their people, sovereignty and non-interference.",
    ),
    (
        "use-of-force",
        "Use of force",
        "Whether human security could justify the use or threat of force or external intervention.",
    ),
    (
        "prevention-and-early-warning",
        "Prevention and early warning",
        "Preventive strategies, early warning and preparedness for threats.",
    ),
    (
        "protection-and-empowerment",
        "Protection and empowerment",
        "Protecting people and empowering them, their communities and institutions to act for themselves.",
    ),
    (
        "index-of-human-security",
        "Index of human security",
        "Proposals for a global or community-specific index or other measures of human security.",
    ),
    (
        "people-centred-approach",
        "People-centred approach",
        "Putting people, their perceived threats and local realities at the centre of security policy.",
    ),
    ("national-ownership", "National ownership", "Responses in line with national priorities and led by Governments."),
    (
        "security-development-human-rights",
        "Security, development and human rights",
        "The interlinkages between the three pillars of the United Nations.",
    ),
    (
        "added-value",
        "Added value and application",
        "What human security adds as a policy tool or framework, and how it is applied.",
    ),
    (
        "global-threats",
        "Global and interconnected threats",
        "Disasters, climate and environmental change, financial, food and energy crises, pandemics, poverty.",
    ),
    ("un-charter", "Charter of the United Nations", "Consistency with the purposes and principles of the Charter."),
    (
        "international-cooperation",
        "Regional and international cooperation",
        "Collaboration across borders and among Governments, UN bodies, civil society and the private sector.",
    ),
]
