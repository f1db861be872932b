from briefing.startup import main

main()
