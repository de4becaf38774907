"""perfdecl.phrases: target phrases read into comparison, value, unit and dates.

The main table holds real phrases from the published 2019 Niujie declaration
(../shared/seeds/niujie_2019.txt) and from DOMAIN.md, copied here so that the
test needs nothing beside the clone; each row lists every target expected, in
order, as (comparison, value, unit).
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import pickle
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdecl.phrases import (
    VAGUE_WORDS,
    ParsedDate,
    ParsedTarget,
    is_quantified,
    is_question,
    item_number_inside,
    normalize,
    parse_dates,
    parse_targets,
    relative_only,
    vague_words,
    years_mentioned,
)
from perfdecl.phrases.wording import NOT_VAGUE_COMPOUNDS

Expected = list[tuple[str, str, str]]

# --------------------------------------------------------------------------- the real phrases

SEED_PHRASES: list[tuple[str, Expected]] = [
    # 产出指标一 数量
    ("全年发放借书证（张）不低于50张", [(">=", "50", "张")]),
    ("1．项目微信公众号全年推送文章200条", [("=", "200", "条")]),
    ("制定“3+7+X”党员教育课程菜单1套", [("=", "1", "套")]),
    ("规范形成“三项清单”工作规范、“社区党组织服务群众群众项目指导目录”", []),
    ("选树优秀党支部10个，典型现金党员人物10人", [("=", "10", "个"), ("=", "10", "人")]),
    ("打造典型“支部教室”3个；品牌党员志愿者队伍2个；", [("=", "3", "个"), ("=", "2", "个")]),
    (
        "2．全年刊发《今日牛街》24期，编写新闻报道600条，拍摄活动图片千余张； ",
        [("=", "24", "期"), ("=", "600", "条"), (">", "1000", "张")],
    ),
    (
        "3. 牛街街道基层党建讲习所装修改造工程，对法源寺西里小区1号楼底商进行装修改造，装修面积约404平米；",
        [("~", "404", "平米")],
    ),
    ("4. 租赁宣武区法源寺西里12号楼，租用面积404平米的办公场地；", [("=", "404", "平米")]),
    (
        "5.更好地为地区人大代表在闭会期间依法履职开展视察、调研等活动搭建服务平台；组织代表视察、调研、培训、检查等3次；",
        [("=", "3", "次")],
    ),
    (
        "6.10个社区党员共2696人，依照七类党建活动开展工作；",
        [("=", "10", "个"), ("=", "2696", "人")],
    ),
    ("7.10个社区打造10个党组织服务群众项目。", [("=", "10", "个"), ("=", "10", "个")]),
    # 产出指标一 质量, 进度, 成本
    ("1.党员干部活动参与率达到100%；", [(">=", "100", "%")]),
    ("2.党建和宣传项目按照项目年度实施方案中相关要求开展；", []),
    ("6.党建活动覆盖率100%；", [("=", "100", "%")]),
    ("7.社区党组织服务群众项目社区覆盖率100%。", [("=", "100", "%")]),
    ("截止2019年12月31日，上述事项全部完成。", []),
    ("强化党的领导、统筹辖区工作方面总成本严格控制在预算批复之内。", []),
    # 产出指标二
    (
        "1.社会面防控，重要时段地段防控、巡逻执勤，预计全年发动群防群治力量70000人次；实现地区综治维稳中心实体化办公，开展综合执法90次，突出重要时点矛盾排查化解工作，有效维护地区和谐稳定；",
        [("=", "70000", "人次"), ("=", "90", "次")],
    ),
    ("2.物技防建设，为春风社区，菜北社区安装门禁系统；", []),
    (
        "3.按照每个社区设置2名社区兼职安全生产巡查员标准，10个社区共计20人，岗位津贴标准为500元/月/人，每年共计需经费120000元；",
        [
            ("=", "2", "名"),
            ("=", "10", "个"),
            ("=", "20", "人"),
            ("=", "500", "元/月/人"),
            ("=", "120000", "元"),
        ],
    ),
    (
        '4.对"全国两会"、“一带一路”、国庆及宗教节日等重点时期值班巡逻志愿者进行慰问，分3次进行慰问，需经费900000元；',
        [("=", "3", "次"), ("=", "900000", "元")],
    ),
    (
        "5.两会、八一、国庆、“一带一路”高峰论坛、世博会等诸多6.重大节点、重大活动的反恐、维稳工作；",
        [],
    ),
    ("7.禁毒、扫黄、打非等宣传教育工作。", []),
    ("2.提升了辖区居民的安全感，维护了牛街地区的安全稳定；", []),
    # 产出指标三
    ("1.牛街地区部分街巷清扫保洁23.5万余平米得到有效养护和管理;", [(">", "23.5", "万平米")]),
    ("2．牛街地区部分街巷、小区绿地约95000平方米得到有效养护和管理； ", [("~", "95000", "平方米")]),
    ("3.2019年十一国庆节期间牛街地区部分街巷、小区绿地花卉、花堆的摆放工作；", []),
    (
        "4.完成广内大街202号（四海怡家）周边环境整治，牛街西里二区11、12号楼周边环境整治（原广安中学周边），广内大街南侧（教子胡同北口至西砖胡同北口段）精品街区亮相工程；",
        [],
    ),
    (
        "5.对牛街西里11号、12号楼地下空间1800㎡进行充分开发和利用，对其进行装修改造。",
        [("=", "1800", "㎡")],
    ),
    ("1．工程项目达到预期工程质量标准，工程验收合格率100%；", [("=", "100", "%")]),
    ("2．完成区里制定的工作任务，销账比例100%；", [("=", "100", "%")]),
    ("3．保洁工作符合《北京市背街小巷环境卫生质量要求作业规范》； ", []),
    # 产出指标四
    (
        "1.“一街一品”文化品牌活动1场。扶持社区品牌文体项目2场；依实际需求经费扶持社区文体队伍。受益人数>1000；",
        [("=", "1", "场"), ("=", "2", "场"), (">", "1000", "")],
    ),
    (
        "2.社区公益金分别下拨至10个社区，各社区开展组织培育类、活动会议类、服务项目类共420个项目；",
        [("=", "10", "个"), ("=", "420", "个")],
    ),
    (
        "发放借书证（张）不低于50张；流通人次不低于2000次；图书借阅总册次不低于5000册。",
        [(">=", "50", "张"), (">=", "2000", "次"), (">=", "5000", "册")],
    ),
    (
        "全年开展公益培训活动不低于25场；开展阅读体验行活动1次，全民阅读推广活动2场，共计活动28场，参与570余人次；",
        [
            (">=", "25", "场"),
            ("=", "1", "次"),
            ("=", "2", "场"),
            ("=", "28", "场"),
            (">", "570", "人次"),
        ],
    ),
    (
        "流通人次2000次以上；图书借阅总册次不低于5000册次。",
        [(">=", "2000", "次"), (">=", "5000", "册次")],
    ),
    (
        "积极开展特色读者活动，全年开展免费40次文化培训；5.全年开展免费传统节日活动6次；全年开展免费3次主题活动；全年开展阅读体验行活动3次；合计全年开展活动参与2000余人次；",
        [
            ("=", "40", "次"),
            ("=", "6", "次"),
            ("=", "3", "次"),
            ("=", "3", "次"),
            (">", "2000", "人次"),
        ],
    ),
    (
        "活动开展14场，其中线上活动1场，线下活动13场，受众达400人次；",
        [("=", "14", "场"), ("=", "1", "场"), ("=", "13", "场"), (">=", "400", "人次")],
    ),
    ("1) 家长培训：269人;", [("=", "269", "人")]),
    ("2) 亲子活动：8279人;", [("=", "8279", "人")]),
    ("3) 宝宝大赛：60人", [("=", "60", "人")]),
    ("5) 跟踪测评：757人;", [("=", "757", "人")]),
    ("1．各类社会救助发放对象及标准符合相关政策要求；", []),
    (
        "5. 根据公益金预算工作实施方案，公益金活动的社区覆盖率达到100%；各社区用于组织培育以及便民服务项目的费用，高于公益金总额的30%；",
        [(">=", "100", "%"), (">", "30", "%")],
    ),
    ("全年无休，提供早10点至晚8点图书借阅服务。", []),
    (
        "7.以“晴耕雨读”阅读空间为平台，利用各类硬件资源，按照北京市公共图书馆“一卡通”联网成员馆，通借通还服务标准；",
        [],
    ),
    # 产出指标五
    (
        "1．组织开展民族宗教重要节日服务保障工作3次，组织社区开展各类文体活动、宣传教育、政策检查活动20余次；",
        [("=", "3", "次"), (">", "20", "次")],
    ),
    (
        "2．开展民族团结主题线上线下活动；拍摄宣传纪录片；开展北京牛街城市民族工作交流会；举行“石榴花开”牛街民族团结创建工作三十年展演活动等；共计5次主题活动；",
        [("=", "5", "次")],
    ),
    ("3. 将扶贫资金80%以上用在与建档立卡的贫困户项目上。", [(">=", "80", "%")]),
    # 效果指标
    ("1．税源建设方面，确保税源稳定；", []),
    (
        "4. 通过政府购买服务，项目完成后，对提升小区环境水平，改善居民生活条件，营造良好的生活居住空间，具有5年以上的可持续影响；",
        [(">=", "5", "年")],
    ),
    ("4. 居民对小区环境改善的满意度90%以上；", [(">=", "90", "%")]),
    ("6. 享受服务主体对社会组织满意度达90%以上；", [(">=", "90", "%")]),
    ("1.区领导、区绩效办对部门履职效果的评分不低于上年度评分；", []),
    ("3．社会面秩序类问题的群众投诉举报量较上年度有所下降；", []),
    ("1.部门所建立的各项长效机制的运行是否稳定且有效；", []),
    ("2．围绕部门履职开展的工作创新较上年度是否有所增加；", []),
    (
        "1.环境卫生作业、建筑垃圾属地管理考评年度平均分不低于西城区各街道年度考评的平均分；",
        [],
    ),
    (
        "不断提升领导班子政治素养和决策水平；强化党建引领，完善作风建设长效机制，组织工作活力和责任意识进一步增强；",
        [],
    ),
    (
        "群众安全感和满意度进一步提升，完善网格化社会治安防控体系，提高应对突发公共事件的能力，营造安全和谐社会环境；",
        [],
    ),
    (
        "按照中央、市、区纪检工作总体要求， 通过有计划、有重点的落实2019年牛街街道各项纪检工作任务，使街道党风廉政建设及反腐败工作迈上新台阶。",
        [],
    ),
    # header and goals
    ("18891.87万元", [("=", "18891.87", "万元")]),
    ("4767.16万元", [("=", "4767.16", "万元")]),
    ("14124.71万元", [("=", "14124.71", "万元")]),
    ("0万元", [("=", "0", "万元")]),
    ("83998540", []),
    (
        "2019年，牛街街道将以习近平新时代中国特色社会主义思想为指引，紧紧围绕区委区政府决策部署，扎实做好各项工作，推进地区和谐稳定创新发展。",
        [],
    ),
    (
        "一、在强化党的领导、统筹辖区工作方面。加强支部规范化建设，提升党组织领导力凝聚力战斗力；强化党建引领，深化“三级报到多方响应”“吹哨、报到”机制；从严落实党风廉政建设主体责任，完善作风建设长效机制，深化“进千门走万户”，走好新时代的群众路线；",
        [],
    ),
    (
        "二、在促进社会共治、维护安全稳定方面。聚焦新中国成立70周年、全国两会、“一带一路”高峰论坛等重大活动，加强风险防控，发动群防群治力量做好地区安全保障。",
        [],
    ),
    (
        "三、在协调城市管理、营造良好环境方面。持续推进背街小巷整治提升，推进精细化管理，完善街巷长工作机制，完成“十有十无”达标任务；",
        [],
    ),
    (
        "五、争创全国民族团结进步模范集体称号，筹备召开第十五届民族团结进步表彰大会。",
        [],
    ),
]

DOMAIN_PHRASES: list[tuple[str, Expected]] = [
    ("total = basic + project + other, to the cent (0.01 万元)", [("=", "0.01", "万元")]),
    ("classic national (财预〔2015〕88号, 〔2020〕10号 era)", []),
    ("central guideline 2021 (财预〔2021〕101号)", []),
    ("configurable; 50% is a fair default", [("=", "50", "%")]),
    ("Satisfaction without a numeric threshold (≥N%)", []),
    ("the seed has “…世博会等诸多6.重大节点…”", []),
]

# Forms the brief names that the seed does not use.
FORMS: list[tuple[str, Expected]] = [
    ("满意度达90%以上", [(">=", "90", "%")]),
    ("满意度达到90％", [(">=", "90", "%")]),
    ("居民对小区环境改善的满意度90%以上", [(">=", "90", "%")]),
    ("覆盖率100%", [("=", "100", "%")]),
    ("党员干部活动参与率达到100%", [(">=", "100", "%")]),
    ("每年共计需经费120000元", [("=", "120000", "元")]),
    ("装修面积约404平米", [("~", "404", "平米")]),
    ("约95000平方米", [("~", "95000", "平方米")]),
    ("23.5万余平米", [(">", "23.5", "万平米")]),
    ("受益人数>1000", [(">", "1000", "")]),
    ("受益人数 > 1000", [(">", "1000", "")]),
    ("流通人次2000次以上", [(">=", "2000", "次")]),
    ("１００％", [("=", "100", "%")]),
    ("５０张", [("=", "50", "张")]),
    ("开展活动两次", [("=", "2", "次")]),
    ("二十余人参加", [(">", "20", "人")]),
    ("不少于30人", [(">=", "30", "人")]),
    ("至少3场", [(">=", "3", "场")]),
    ("超过100人", [(">", "100", "人")]),
    ("高于90%", [(">", "90", "%")]),
    ("大于10个", [(">", "10", "个")]),
    ("不高于5000元", [("<=", "5000", "元")]),
    ("不超过5%", [("<=", "5", "%")]),
    ("误差在5%以内", [("<=", "5", "%")]),
    ("误差在5%以下", [("<=", "5", "%")]),
    ("低于3%", [("<", "3", "%")]),
    ("少于10次", [("<", "10", "次")]),
    ("成本控制在50万元以内", [("<=", "50", "万元")]),
    ("大约20场", [("~", "20", "场")]),
    ("100人左右", [("~", "100", "人")]),
    ("≥90%", [(">=", "90", "%")]),
    ("≤5%", [("<=", "5", "%")]),
    ("＞90%", [(">", "90", "%")]),
    ("＜10%", [("<", "10", "%")]),
    ("≧95%", [(">=", "95", "%")]),
    ("≦3%", [("<=", "3", "%")]),
    (">=90%", [(">=", "90", "%")]),
    ("=100%", [("=", "100", "%")]),
    ("＝100%", [("=", "100", "%")]),
    ("3天以内完成", [("<=", "3", "天")]),
    ("1年内完成", [("<=", "1", "年")]),
    ("90%（含）以上", [(">=", "90", "%")]),
    ("提高5个百分点", [("=", "5", "个百分点")]),
    ("百分之九十五", [("=", "95", "%")]),
    ("评分不低于90分", [(">=", "90", "分")]),
    ("5-10人", [(">=", "5", "人"), ("<=", "10", "人")]),
    ("5至10人", [(">=", "5", "人"), ("<=", "10", "人")]),
    ("约20-30人", [(">=", "20", "人"), ("<=", "30", "人")]),
    ("90%-95%", [(">=", "90", "%"), ("<=", "95", "%")]),
    ("共计1,200人", [("=", "1200", "人")]),
    ("3千余张", [(">", "3000", "张")]),
    ("2.5千米", [("=", "2.5", "千米")]),
    ("发放借书证（张）不低于50", [(">=", "50", "张")]),
    ("5G基站100个", [("=", "100", "个")]),
    # not targets
    ("3+7+X", []),
    ("财预〔2015〕88号", []),
    ("第3季度", []),
    ("每5000人", []),
    ("1/3的居民", []),
    ("10:30开始", []),
    ("010-83998540", []),
    ("2019年", []),
    ("2019.12.31", []),
    ("1．", []),
    ("（1）", []),
    ("三分之一", []),
    ("一次性补贴", []),
    ("V1.2.3版本", []),
    ("第十五届", []),
]


def _triples(text: str) -> Expected:
    return [(t.comparison, str(t.value), t.unit) for t in parse_targets(text)]


@pytest.mark.parametrize(("text", "expected"), SEED_PHRASES + DOMAIN_PHRASES)
def test_real_phrases(text: str, expected: Expected) -> None:
    assert _triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_forms(text: str, expected: Expected) -> None:
    assert _triples(text) == expected


def test_table_is_large_enough() -> None:
    assert len(SEED_PHRASES) + len(DOMAIN_PHRASES) >= 60
    assert len({text for text, _ in SEED_PHRASES + DOMAIN_PHRASES + FORMS}) == len(
        SEED_PHRASES + DOMAIN_PHRASES + FORMS
    )


def test_values_are_exact_decimals() -> None:
    (target,) = parse_targets("清扫保洁23.5万余平米")
    assert isinstance(target.value, Decimal)
    assert target.value == Decimal("23.5")
    assert str(target.value) == "23.5"


def test_target_record() -> None:
    text = "全年发放借书证（张）不低于50张"
    assert parse_targets(text) == [
        ParsedTarget(">=", Decimal(50), "张", text.index("不低于"), len(text), "发放借书证（张）")
    ]


def test_a_subject_worked_out_on_first_read_is_the_one_built_at_once() -> None:
    # The parser leaves each subject to its first read; every way of reading a target sees it.
    from perfdecl.phrases.targets import _parse_targets

    text = "全年发放借书证不低于50张，约20-30人；家长培训（人）：269"
    built = [
        ParsedTarget(">=", Decimal(50), "张", 7, 13, "发放借书证"),
        ParsedTarget(">=", Decimal(20), "人", 14, 17, ""),
        ParsedTarget("<=", Decimal(30), "人", 18, 21, ""),
        ParsedTarget("=", Decimal(269), "人", 30, 33, "家长培训（人）"),
    ]
    fresh = _parse_targets.__wrapped__  # type: ignore[attr-defined]
    assert list(fresh(text)) == built
    assert [hash(t) for t in fresh(text)] == [hash(t) for t in built]
    assert [repr(t) for t in fresh(text)] == [repr(t) for t in built]
    assert pickle.loads(pickle.dumps(fresh(text))) == tuple(built)
    assert [dataclasses.replace(t) for t in fresh(text)] == built
    assert [t.subject for t in fresh(text)] == [t.subject for t in built]
    with pytest.raises(AttributeError):
        fresh(text)[0].subjects  # type: ignore[attr-defined]  # noqa: B018


@pytest.mark.parametrize(
    ("text", "span", "subject"),
    [
        ("全年发放借书证（张）不低于50张", "不低于50张", "发放借书证（张）"),
        ("项目微信公众号全年推送文章200条", "200条", "推送文章"),
        ("满意度达90%以上", "达90%以上", "满意度"),
        ("1) 家长培训：269人;", "269人", "家长培训"),
        ("依实际需求经费扶持社区文体队伍。受益人数>1000；", ">1000", "受益人数"),
        ("每年共计需经费120000元", "120000元", "经费"),
        ("岗位津贴标准为500元/月/人", "500元/月/人", "岗位津贴标准"),
        ("组织代表视察、调研、培训、检查等3次", "3次", "组织代表视察、调研、培训、检查"),
        ("清扫保洁23.5万余平米得到有效养护", "23.5万余平米", "清扫保洁"),
        ("费用，高于公益金总额的30%", "高于公益金总额的30%", ""),
        ("１００％", "１００％", ""),
    ],
)
def test_span_and_subject(text: str, span: str, subject: str) -> None:
    (target,) = parse_targets(text)
    assert text[target.start : target.end] == span
    assert target.subject == subject


# --------------------------------------------------------------------------- normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("１００％", "100%"),
        ("５０张", "50张"),
        ("２３．５万", "23.5万"),
        ("≧９０％", "≥90%"),
        ("≦３％", "≤3%"),
        ("＞１０００", ">1000"),
        ("（１）", "(1)"),
        ("ＡＢｃ", "ABc"),
        ("一\u3000二", "一 二"),
        ("٣٤ ३", "34 3"),  # other decimal digits
        ("１，２；３：４！？", "1，2；3：4！？"),  # clause punctuation is kept
        ("、。“”〔〕㎡", "、。“”〔〕㎡"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected
    assert len(normalize(text)) == len(text)


# --------------------------------------------------------------------------- dates and years


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("截止2019年12月31日，上述事项全部完成。", [("deadline", "2019-12-31", "2019年12月31日")]),
        ("截至2019.12.31", [("deadline", "2019-12-31", "2019.12.31")]),
        ("2019-12-31前完成", [("deadline", "2019-12-31", "2019-12-31")]),
        ("于2019年12月31日前完成", [("deadline", "2019-12-31", "2019年12月31日")]),
        ("2019/6/30", [("date", "2019-06-30", "2019/6/30")]),
        ("2019年6月30日", [("date", "2019-06-30", "2019年6月30日")]),
        ("2019年12月底", [("deadline", "2019-12-31", "2019年12月底")]),
        ("2019年2月底", [("deadline", "2019-02-28", "2019年2月底")]),
        ("2019年6月前完成", [("deadline", "2019-06-30", "2019年6月")]),
        ("2019年6月", [("date", "2019-06-01", "2019年6月")]),
        ("2019年底前完成", [("deadline", "2019-12-31", "2019年底")]),
        ("2019年年底", [("deadline", "2019-12-31", "2019年年底")]),
        ("2019年末", [("deadline", "2019-12-31", "2019年末")]),
        ("2019年度末", [("deadline", "2019-12-31", "2019年度末")]),
        ("到2020年", [("deadline", "2020-12-31", "2020年")]),
        ("2018年度", [("year", "2018-01-01", "2018年度")]),
        ("2019年前三季度", [("year", "2019-01-01", "2019年")]),
        ("二〇一九年", [("year", "2019-01-01", "二〇一九年")]),
        ("2019年2月30日", [("year", "2019-01-01", "2019年")]),
        (
            "2019年1月1日至2019年12月31日",
            [("date", "2019-01-01", "2019年1月1日"), ("deadline", "2019-12-31", "2019年12月31日")],
        ),
        ("3.2019年十一国庆节期间", [("year", "2019-01-01", "2019年")]),
        ("财预〔2015〕88号", []),
        ("流通人次2000次以上", []),
        ("12月31日前", []),  # no year: no date can be built
    ],
)
def test_parse_dates(text: str, expected: list[tuple[str, str, str]]) -> None:
    got = [(d.kind, d.date.isoformat(), text[d.start : d.end]) for d in parse_dates(text)]
    assert got == expected


def test_date_record() -> None:
    text = "截止2019年12月31日，上述事项全部完成。"
    assert parse_dates(text) == [ParsedDate(datetime.date(2019, 12, 31), "deadline", 2, 13)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019年，牛街街道将", [(2019, "2019年")]),
        ("落实2018年度纪检任务", [(2018, "2018年度")]),
        ("截止2019年12月31日", [(2019, "2019年")]),
        ("2019-12-31", [(2019, "2019")]),
        ("2019—2021年", [(2019, "2019"), (2021, "2021年")]),
        ("二〇一九年", [(2019, "二〇一九年")]),
        ("财预〔2015〕88号", []),
        ("流通人次2000次以上", []),
        ("联系电话83998540", []),
    ],
)
def test_years_mentioned(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(y, text[s:e]) for y, s, e in years_mentioned(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("截止2019年12月31日，上述事项全部完成。", True),
        ("强化党的领导、统筹辖区工作方面总成本严格控制在预算批复之内。", False),
        ("全年发放借书证（张）不低于50张", True),
        ("受益人数>1000", True),
        ("2019年底前完成", True),
        ("3.2019年十一国庆节期间牛街地区部分街巷、小区绿地花卉、花堆的摆放工作；", False),
        ("1.部门所建立的各项长效机制的运行是否稳定且有效；", False),
        ("群众安全感和满意度进一步提升", False),
        ("财预〔2015〕88号", False),
    ],
)
def test_is_quantified(text: str, expected: bool) -> None:
    assert is_quantified(text) is expected


# --------------------------------------------------------------------------- wording


def test_vague_words_cover_the_domain_list() -> None:
    domain = ("进一步", "明显", "有效", "显著", "不断", "加强", "提升", "较好", "更加", "逐步")
    assert set(domain) <= set(VAGUE_WORDS)
    assert len(set(VAGUE_WORDS)) == len(VAGUE_WORDS)


@pytest.mark.parametrize(
    ("text", "extra", "expected"),
    [
        (
            "不断提升领导班子政治素养和决策水平；组织工作活力和责任意识进一步增强",
            (),
            [("不断", 0), ("提升", 2), ("进一步", 29), ("增强", 32)],
        ),
        (
            "达到公众安全意识显著增强，社区安全环境明显改善",
            (),
            [("显著", 8), ("增强", 10), ("明显", 19), ("改善", 21)],
        ),
        ("发放借书证（张）不低于50张", (), []),
        ("稳中求进，更加宜居", ("稳中求进", ""), [("稳中求进", 0), ("更加", 5)]),
        ("进一步加强", ("一步加",), [("进一步", 0), ("加强", 3)]),  # leftmost, then longest
    ],
)
def test_vague_words(text: str, extra: tuple[str, ...], expected: list[tuple[str, int]]) -> None:
    assert vague_words(text, extra) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("部门所建立的各项长效机制的运行是否稳定且有效", True),
        ("2．围绕部门履职开展的工作创新较上年度是否有所增加；", True),
        ("能否按时完成", True),
        ("项目按期完成了吗？", True),
        ("全年发放借书证（张）不低于50张", False),
        ("按标准足额支付低保人员最低生活保障金", False),
    ],
)
def test_is_question(text: str, expected: bool) -> None:
    assert is_question(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("区领导、区绩效办对部门履职效果的评分不低于上年度评分", True),
        ("2．辖区居民群众、单位代表对部门履职效果评分不低于上年度评分", True),
        ("3．社会面秩序类问题的群众投诉举报量较上年度有所下降；", True),
        ("5. 接受西城区民政局社会救助绩效考核，群众投诉举报量较上年度有所下降；", True),
        (
            "1.环境卫生作业、建筑垃圾属地管理考评年度平均分不低于西城区各街道年度考评的平均分；",
            True,
        ),
        ("2．相较上年度，地区环境更加宜居，街巷环境面貌得到良好保持。", True),
        ("投诉量较上年度下降10%", False),
        ("居民对小区环境改善的满意度90%以上", False),
        ("群众安全感和满意度进一步提升", False),
    ],
)
def test_relative_only(text: str, expected: bool) -> None:
    assert relative_only(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "两会、八一、国庆、“一带一路”高峰论坛、世博会等诸多6.重大节点、重大活动的反恐",
            ["6"],
        ),
        ("1.社会面防控", []),
        ("清扫保洁23.5万余平米", []),
        (
            "积极开展特色读者活动，全年开展免费40次文化培训；5.全年开展免费传统节日活动6次",
            ["5"],
        ),
        ("牛街西里二区11、12号楼周边环境整治", []),
        ("产出数量指标\t1．项目微信公众号", []),  # a tab starts a cell
        ("完成培训；2、加强考核", ["2"]),
        ("第1、第2名", []),
        ("a\n3.社会面", []),
    ],
)
def test_item_number_inside(text: str, expected: list[str]) -> None:
    offsets = item_number_inside(text)
    assert [text[i] for i in offsets] == expected


def test_item_number_offset() -> None:
    text = "两会、八一、国庆、“一带一路”高峰论坛、世博会等诸多6.重大节点、重大活动的反恐"
    assert item_number_inside(text) == [text.index("6")]


# --------------------------------------------------------------------------- the whole seed

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "niujie_2019.txt"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/ is not beside the clone")
def test_whole_seed() -> None:
    """The findings DOMAIN.md says a validator should see on the published form."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    deadlines = [line for line in lines if line == "截止2019年12月31日，上述事项全部完成。"]
    assert len(deadlines) == 5
    assert all(is_quantified(line) for line in deadlines)
    boilerplate = [line for line in lines if "严格控制在预算批复之内" in line]
    assert len(boilerplate) == 5
    assert not any(is_quantified(line) for line in boilerplate)
    items = [(line, i) for line in lines for i in item_number_inside(line)]
    assert [line[i : i + 3] for line, i in items] == ["6.重", "5.全"]
    assert sum(is_question(line) for line in lines) == 2
    assert sum(relative_only(line) for line in lines) == 7
    years = {year for line in lines for year, _, _ in years_mentioned(line)}
    assert years == {2019}


# --------------------------------------------------------------------------- totality

DOMAIN_CHARS = (
    '0123456789０１２３４５６７８９.．,，、；;：:%％‰+-/~～—()（）〔〕“”"《》 \t\n'
    "一二两三十百千万亿〇零第每约达到不低于少高超过以上下内左右余多张人次年月日号周届"
    "万元平米㎡个场截止至前底末度≥≤><=＞＜≧≦是否上年较有所进一步XGV"
)


def _check_all(text: str) -> None:
    n = len(text)
    assert len(normalize(text)) == n
    for target in parse_targets(text):
        assert isinstance(target.value, Decimal)
        assert 0 <= target.start < target.end <= n
        assert target.comparison in (">=", "<=", "=", ">", "<", "~")
    for date in parse_dates(text):
        assert isinstance(date.date, datetime.date)
        assert 0 <= date.start < date.end <= n
    for _, start, end in years_mentioned(text):
        assert 0 <= start < end <= n
    for word, offset in vague_words(text, ("稳中求进",)):
        assert text[offset : offset + len(word)] == word
    for offset in item_number_inside(text):
        assert 0 <= offset < n
        assert normalize(text[offset]).isdigit()
    assert isinstance(is_quantified(text), bool)
    assert isinstance(is_question(text), bool)
    assert isinstance(relative_only(text), bool)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=DOMAIN_CHARS, max_size=60))
def test_total_on_domain_text(text: str) -> None:
    _check_all(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_total_on_any_text(text: str) -> None:
    _check_all(text)


def test_total_on_long_numbers() -> None:
    _check_all("9" * 5000 + "万余平米" + "一" * 50 + "次" + "二〇" * 40 + "年")


# --------------------------------------------------------------------------- import cost

_PROBE = """
import collections.abc, dataclasses, datetime, decimal, gc, importlib, re, sys, time
import typing, unicodedata

@dataclasses.dataclass(frozen=True, slots=True)
class _Warm:  # the first use of dataclasses costs the stdlib, not this package
    a: int

sys.path.insert(0, sys.argv[1])
import perfdecl  # the parent package (lazy, light) is not the phrase parser's cost

before = set(sys.modules)
gc.collect()  # a collection owed by start-up is not this package's cost
start = time.process_time()
importlib.import_module("perfdecl.phrases")
print(time.process_time() - start)
print(" ".join(sorted(set(sys.modules) - before)))
"""


def test_import_is_stdlib_only(tmp_path: Path) -> None:
    """No heavy imports: importing the package loads its own modules and nothing else (the
    probe imports beforehand the stdlib modules it uses). (Its import time is measured by the
    benchmark, never asserted here.)"""
    src = Path(__file__).resolve().parents[1] / "src"
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(src)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout.splitlines()
    loaded = out[1].split()
    assert "perfdecl.phrases" in loaded
    assert [m for m in loaded if not m.startswith("perfdecl.phrases.")] == ["perfdecl.phrases"]


def _vague_reference(text: str, words: tuple[str, ...]) -> list[tuple[str, int]]:
    """The plain definition: every occurrence, earliest first, longest at a position, no overlap."""
    hits = sorted(
        (pos, -len(w), w) for w in words for pos in range(len(text)) if text.startswith(w, pos)
    )
    out: list[tuple[str, int]] = []
    end = 0
    for pos, negative, word in hits:
        if pos >= end:
            out.append((word, pos))
            end = pos - negative
    return out


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("进一步明显有效提升高加强不断改善良好更好持续稳步 ，。a")),
        max_size=40,
    ),
    st.lists(st.sampled_from(["一步", "提升高", "好", "进", "有效提升", "x"]), max_size=3),
)
def test_vague_words_matches_its_definition(text: str, extra: list[str]) -> None:
    words = tuple(sorted(set(VAGUE_WORDS) | set(extra), key=len, reverse=True))
    assert vague_words(text, extra=extra) == _vague_reference(text, words)


def _vague_by_finditer(text: str, extra: list[str]) -> list[tuple[str, int]]:
    """vague_words as it was written before it read offsets with str.find: the match objects'
    own offsets, compounds (可持续, 有效期) dropped unless named as extra words."""
    more = {w for w in extra if w}
    words = sorted(set(VAGUE_WORDS) | set(NOT_VAGUE_COMPOUNDS) | more, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    return [
        (m.group(), m.start())
        for m in pattern.finditer(text)
        if m.group() not in NOT_VAGUE_COMPOUNDS or m.group() in more
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("可持续时间期限有效进一步提升高加强不断稳步 ，。a")),
        max_size=40,
    ),
    st.lists(st.sampled_from(["有效期", "可持续", "一步", "续时", "", "效"]), max_size=3),
)
def test_vague_words_offsets_are_the_matches_offsets(text: str, extra: list[str]) -> None:
    assert vague_words(text, extra=extra) == _vague_by_finditer(text, extra)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("是否能可不有没与问？? 。\t")), max_size=12))
def test_is_question_is_its_words_or_a_question_mark(text: str) -> None:
    words = ("是否", "能否", "可否", "是不是", "有没有", "与否")
    expected = any(w in text for w in words) or text.rstrip().endswith(("?", "？"))
    assert is_question(text) is expected
