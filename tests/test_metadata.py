from plankg.metadata import extract_metadata, jurisdiction_of, recover_date, recover_doc_number


def test_garbled_and_clean_dates():
    assert recover_date("2020711") == "2020-07-11"
    assert recover_date("20191203") == "2019-12-03"
    assert recover_date("2021年3月5日") == "2021-03-05"
    # 2020111 could be January 11 or November 1: not guessed.
    assert recover_date("2020111") is None
    assert recover_date("2020年13月1日") is None


def test_garbled_and_clean_document_numbers():
    assert recover_doc_number("渝北府办发〔202021") == "渝北府办发〔2020〕21号"
    assert recover_doc_number("浙政发〔2021〕8号") == "浙政发〔2021〕8号"
    assert recover_doc_number("苏府办[2019]125号") == "苏府办〔2019〕125号"
    assert recover_doc_number("第十三届全国人民代表大会") is None


def test_jurisdiction_and_level():
    assert jurisdiction_of("重庆市渝北区人民政府办公室") == ("渝北区", "district")
    assert jurisdiction_of("国务院") == ("中华人民共和国", "national")
    assert jurisdiction_of("浙江省人民政府") == ("浙江省", "province")
    assert jurisdiction_of("上海市人民政府") == ("上海市", "province")
    assert jurisdiction_of("杭州市人民政府办公厅") == ("杭州市", "city")
    assert jurisdiction_of("江苏省昆山市周市镇人民政府") == ("周市镇", "town")


HEADER = """成都市武侯区人民政府办公室关于印发武侯区2022年国民经济和社会发展计划的通知

武府办发〔2022〕7号

各街道办事处，区政府各部门，有关单位：

《武侯区2022年国民经济和社会发展计划》已经区第十九届人民代表大会第一次会议审议通过，现印发你们，请认真贯彻执行。

成都市武侯区人民政府办公室

2022年3月2日

武侯区2022年国民经济和社会发展计划

2022年是实施“十四五”规划承上启下的重要一年。

一、主要目标

地区生产总值增长7%。
"""


def test_notice_header_of_a_district_plan():
    meta = extract_metadata(HEADER)
    assert meta.title == "武侯区2022年国民经济和社会发展计划"
    assert meta.issuer == "成都市武侯区人民政府办公室"
    assert meta.doc_number == "武府办发〔2022〕7号"
    assert meta.date == "2022-03-02"
    assert meta.recipients == ("各街道办事处", "区政府各部门", "有关单位")
    assert meta.approval_body == "武侯区第十九届人民代表大会第一次会议"
    assert (meta.jurisdiction, meta.level, meta.year, meta.genre) == (
        "武侯区",
        "district",
        2022,
        "plan",
    )
    assert HEADER[meta.body_start :].lstrip().startswith("2022年是实施")


def test_speech_header_of_a_provincial_work_report():
    text = (
        "政府工作报告\n\n——2023年1月15日在广东省第十四届人民代表大会第一次会议上\n\n"
        "广东省省长\n王伟中\n\n各位代表：\n\n现在，我代表省人民政府，向大会报告工作。\n\n"
        "一、2022年工作回顾\n\n过去一年，全省地区生产总值增长1.9%。\n"
    )
    meta = extract_metadata(text)
    assert meta.genre == "work-report"
    assert meta.date == "2023-01-15"
    assert meta.year == 2023
    assert meta.approval_body == "广东省第十四届人民代表大会第一次会议"
    assert text[meta.body_start :].lstrip().startswith("现在，我代表")


def test_abbreviated_header_is_completed_from_a_broken_congress_line():
    # A page that names the region only as 自治区 in the header, splits the congress
    # line over two lines and carries the page's own publication time.
    text = (
        "2024年政府工作报告\n2024年02月20日 08时15分\n来源：某某日报\n"
        "——2024年1月22日在宁夏回族自治区第十三届\n人民代表大会第二次会议上\n"
        "自治区主席 张  某某\n各位代表：\n现在，我代表自治区人民政府，向大会报告工作。\n"
        "一、2023年工作回顾\n过去一年，地区生产总值增长6.6%。\n"
    )
    meta = extract_metadata(text)
    assert (meta.jurisdiction, meta.level) == ("宁夏回族自治区", "province")
    assert meta.issuer == "宁夏回族自治区人民政府"
    assert meta.approval_body == "宁夏回族自治区第十三届人民代表大会第二次会议"
    assert meta.date == "2024-01-22"  # the day it was delivered, not the page's date
    assert meta.speaker == "宁夏回族自治区主席张某某"
    assert meta.year == 2024


def test_presenter_line_names_the_province_when_nothing_else_does():
    text = (
        "政府工作报告\n吉林省人民政府省长 某某某\n各位代表：\n"
        "现在，我代表省人民政府，向大会报告工作。\n一、2022年工作回顾\n过去一年……\n"
        "二、2023年重点工作\n推进高标准农田建设。\n"
    )
    meta = extract_metadata(text)
    assert (meta.jurisdiction, meta.issuer, meta.year) == ("吉林省", "吉林省人民政府", 2023)


def test_plan_report_is_for_the_coming_year_and_for_the_government():
    text = (
        "关于江北区2020年国民经济和社会发展计划执行情况与2021年国民经济和社会发展计划草案的报告\n"
        "——2021年1月7日在重庆市江北区第十八届人民代表大会第五次会议上\n"
        "重庆市江北区发展和改革委员会\n各位代表：\n"
        "受区人民政府委托，现将江北区2020年计划执行情况与2021年计划草案提请大会审议。\n"
        "一、2020年计划执行情况\n地区生产总值增长4%。\n"
    )
    meta = extract_metadata(text)
    assert meta.year == 2021
    assert meta.issuer == "重庆市江北区人民政府"  # the city tells 江北区 apart
    assert meta.speaker == "重庆市江北区发展和改革委员会"
    assert meta.approval_body == "重庆市江北区第十八届人民代表大会第五次会议"
    assert (meta.jurisdiction, meta.level, meta.genre) == ("江北区", "district", "plan")


def test_stray_spaces_in_number_and_congress():
    text = (
        "珠海市人民政府关于印发珠海市2018年国民经济和社会发展计划的通知\n珠府〔2018〕14 号\n"
        "各区人民政府，市府直属各单位：\n"
        "《珠海市2018年国民经济和社会发展计划》已经市第九 届人民代表大会第二次会议审议通过，"
        "现印发给你们。\n珠海市人民政府\n2018年3月1日\n"
        "珠海市2018年国民经济和社会发展计划\n一、主要目标\n地区生产总值增长9%。\n"
    )
    meta = extract_metadata(text)
    assert meta.doc_number == "珠府〔2018〕14号"
    assert meta.approval_body == "珠海市第九届人民代表大会第二次会议"
    assert (meta.jurisdiction, meta.level, meta.year) == ("珠海市", "city", 2018)


def test_a_title_broken_over_lines_and_a_date_that_lost_its_words():
    text = (
        "2024年03月02日 09时10分\n关于东湖区2023年国民经济和社会发展\n"
        "计划执行情况与2024年国民经济\n和社会发展计划草案的报告\n"
        "20240115日在东湖区第九届人民代表大会第三次会议上\n"
        "东湖区发展和改革局局长 某某某\n各位代表：\n"
        "受区人民政府委托，现将计划执行情况报告如下。\n"
        "一、2023年计划执行情况\n地区生产总值增长5%。\n"
    )
    meta = extract_metadata(text)
    assert meta.title == ("关于东湖区2023年国民经济和社会发展计划执行情况与2024年国民经济"
                          "和社会发展计划草案的报告")
    assert (meta.year, meta.date) == (2024, "2024-01-15")
    assert (meta.issuer, meta.jurisdiction) == ("东湖区人民政府", "东湖区")


def test_a_national_plan_report_presented_for_the_state_council():
    text = (
        "关于2030年国民经济和社会发展计划执行情况与2031年国民经济和社会发展计划草案的报告\n"
        "——2031年3月5日在第十七届全国人民代表大会第二次会议上\n国家发展和改革委员会\n"
        "各位代表：\n受国务院委托，现将计划执行情况与计划草案提请审议。\n"
        "一、2030年计划执行情况\n经济增长5%。\n"
    )
    meta = extract_metadata(text)
    assert (meta.jurisdiction, meta.level) == ("中华人民共和国", "national")
    assert (meta.issuer, meta.speaker, meta.year) == ("国务院", "国家发展和改革委员会", 2031)


def test_a_headline_before_the_title_is_not_joined_to_it():
    text = ("2031年某省政府工作报告\n政府工作报告\n"
            "——2031年1月20日在甘肃省第十五届人民代表大会第二次会议上\n各位代表：\n"
            "现在，我代表省人民政府，向大会报告工作。\n一、2030年工作回顾\n")
    meta = extract_metadata(text)
    assert meta.title == "政府工作报告" and meta.issuer == "甘肃省人民政府"
