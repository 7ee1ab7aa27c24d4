import KDPipeline

KDPipeCommand.main()
